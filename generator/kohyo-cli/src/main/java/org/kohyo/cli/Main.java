package org.kohyo.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.kohyo.build.BuildFailure;
import org.kohyo.build.BuildOptions;
import org.kohyo.build.BuildReport;
import org.kohyo.build.LeakCheck;
import org.kohyo.build.SiteBuilder;
import org.kohyo.model.Problem;
import org.kohyo.redact.Edition;

/**
 * kohyo のコマンド — a thin shell over {@link SiteBuilder}.
 *
 * <pre>
 * kohyo build  [--config site-config.yml] [--edition public|full] [--output DIR] [--zip FILE|--no-zip] [--full]
 * kohyo check  [--config site-config.yml]
 * kohyo verify [--config site-config.yml] BUNDLE   (a site folder or zip)
 * </pre>
 * Exit status: 0 success, 1 content errors or a leak, 2 usage errors, 3 unexpected failure.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, new PrintStream(System.out, true, StandardCharsets.UTF_8),
                new PrintStream(System.err, true, StandardCharsets.UTF_8)));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help") || args[0].equals("help")) {
            out.println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        String command = args[0];
        Path config = Path.of("site-config.yml");
        Path output = null;
        Path zip = null;
        boolean noZip = false;
        boolean full = false;
        Edition edition = Edition.PUBLIC;
        List<String> rest = new ArrayList<>();
        try {
            for (int i = 1; i < args.length; i++) {
                switch (args[i]) {
                    case "--config" -> config = Path.of(args[++i]);
                    case "--output" -> output = Path.of(args[++i]);
                    case "--zip" -> zip = Path.of(args[++i]);
                    case "--no-zip" -> noZip = true;
                    case "--full" -> full = true;
                    case "--edition" -> edition = Edition.parse(args[++i]);
                    default -> {
                        if (args[i].startsWith("-")) {
                            err.println("kohyo: 不明なオプション " + args[i] + "\n" + USAGE);
                            return 2;
                        }
                        rest.add(args[i]);
                    }
                }
            }
        } catch (ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
            err.println("kohyo: オプションの値がありません、または正しくありません。\n" + USAGE);
            return 2;
        }
        SiteBuilder builder = new SiteBuilder();
        try {
            switch (command) {
                case "build" -> {
                    BuildOptions options = BuildOptions.of(config, edition).withOutput(output)
                            .withProgress(TerminalProgress.forConsole(err)).withFull(full);
                    if (zip != null && edition == Edition.FULL) {
                        err.println("kohyo: 全体版（非公表部分を含む）は zip にしません。--zip を外してください。");
                        return 2;
                    }
                    if (zip != null) {
                        options = options.withZip(zip);
                    }
                    if (noZip) {
                        options = options.withZip(null);
                    }
                    BuildReport report = builder.build(options);
                    report.warnings().forEach(w -> err.println(w));
                    out.println(report.summary());
                    return 0;
                }
                case "check" -> {
                    List<Problem> warnings = builder.validate(config);
                    warnings.forEach(w -> err.println(w));
                    out.println("エラーはありません（警告 " + warnings.size() + " 件）。");
                    return 0;
                }
                case "verify" -> {
                    if (rest.size() != 1) {
                        err.println("kohyo verify: 確かめるサイト（フォルダか zip）を1つ指定してください。");
                        return 2;
                    }
                    Path bundle = Path.of(rest.get(0));
                    if (!java.nio.file.Files.exists(bundle)) {
                        err.println("kohyo verify: 確かめるサイト（フォルダか zip）がありません: " + bundle);
                        return 2;
                    }
                    LeakCheck.Result r = new LeakCheck().verify(config, bundle);
                    r.findings().forEach(f -> err.println(f));
                    out.println(r.summary());
                    return r.clean() ? 0 : 1;
                }
                default -> {
                    err.println("kohyo: 不明なコマンド " + command + "\n" + USAGE);
                    return 2;
                }
            }
        } catch (BuildFailure f) {
            err.println(f.report());
            return 1;
        } catch (RuntimeException e) {
            err.println("kohyo: 予期しないエラーで止まりました（" + e.getClass().getSimpleName() + "）: " + e.getMessage()
                    + "。出力は書き換えていません。");
            return 3;
        } catch (Error e) {
            String why = e instanceof OutOfMemoryError ? "メモリ不足" : e instanceof StackOverflowError ? "入れ子が深すぎる入力"
                    : e.getClass().getSimpleName();
            err.println("kohyo: 処理しきれずに止まりました（" + why + "）。出力は書き換えていません。");
            return 3;
        }
    }

    static final String USAGE = """
            使い方:
              kohyo build  [--config site-config.yml] [--edition public|full] [--output DIR] [--zip FILE | --no-zip] [--full]
                  公開版（既定: target/site と target/site.zip）または全体版（--edition full: target/site-full）を作成します。
                  前回のビルドから変わった評価書だけを作り直します（差分ビルド。キャッシュは site-config.yml の隣の
                  .kohyo-cache/）。--full はキャッシュを使わずにすべてを作り直します。
              kohyo check  [--config site-config.yml]
                  評価書ファイルを検証だけします（何も書き出しません）。
              kohyo verify [--config site-config.yml] BUNDLE
                  作成済みのサイト（フォルダか zip）に非公表の内容が含まれていないか確かめます。""";
}
