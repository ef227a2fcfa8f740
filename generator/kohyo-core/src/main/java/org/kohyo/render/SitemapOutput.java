package org.kohyo.render;

import java.util.List;

/** sitemap.xml and robots.txt — only for the public edition, and only when 公開URL is configured. */
public final class SitemapOutput {
    private final PageContext context;

    public SitemapOutput(PageContext context) {
        this.context = context;
    }

    public void write(List<String> paths, Output out) {
        String base = context.config().baseUrl();
        if (base == null) {
            out.write("robots.txt", "User-agent: *\nAllow: /\n");
            return;
        }
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        for (String p : paths.stream().sorted().toList()) {
            b.append("  <url><loc>").append(Html.escape(base + p)).append("</loc></url>\n");
        }
        b.append("</urlset>\n");
        out.write("sitemap.xml", b.toString());
        out.write("robots.txt", "User-agent: *\nAllow: /\nSitemap: " + base + "sitemap.xml\n");
    }
}
