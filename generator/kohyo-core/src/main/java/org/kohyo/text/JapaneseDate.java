package org.kohyo.text;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** 日付の読み取り — 和暦（令和・平成・昭和、元年も）と ISO (2021-02-19, 2021/2/19) を受け付ける. */
public final class JapaneseDate {
    private static final Pattern WAREKI = Pattern.compile("(令和|平成|昭和)(元|\\d{1,2})年(\\d{1,2})月(\\d{1,2})日");
    private static final Pattern ISO = Pattern.compile("(\\d{4})[-/](\\d{1,2})[-/](\\d{1,2})");
    private static final Pattern SPACE = Pattern.compile("\\s");

    /** Allowed forms, for messages. */
    public static final String ALLOWED = "「令和3年2月19日」「令和元年5月1日」「平成27年7月8日」のような和暦か、「2021-02-19」の形";

    private JapaneseDate() {}

    /** The date, or null when the text is not a valid date in an allowed form. */
    public static LocalDate parse(String text) {
        String s = SPACE.matcher(Normalizer.normalize(text, Normalizer.Form.NFKC)).replaceAll("");
        try {
            Matcher w = WAREKI.matcher(s);
            if (w.matches()) {
                int year = w.group(2).equals("元") ? 1 : Integer.parseInt(w.group(2));
                LocalDate d = switch (w.group(1)) {
                    case "令和" -> LocalDate.of(2018 + year, Integer.parseInt(w.group(3)), Integer.parseInt(w.group(4)));
                    case "平成" -> LocalDate.of(1988 + year, Integer.parseInt(w.group(3)), Integer.parseInt(w.group(4)));
                    default -> LocalDate.of(1925 + year, Integer.parseInt(w.group(3)), Integer.parseInt(w.group(4)));
                };
                boolean inEra = switch (w.group(1)) {
                    case "令和" -> !d.isBefore(LocalDate.of(2019, 5, 1));
                    case "平成" -> !d.isBefore(LocalDate.of(1989, 1, 8)) && d.isBefore(LocalDate.of(2019, 5, 1));
                    default -> !d.isBefore(LocalDate.of(1926, 12, 25)) && d.isBefore(LocalDate.of(1989, 1, 8));
                };
                return inEra ? d : null;
            }
            Matcher i = ISO.matcher(s);
            if (i.matches()) {
                return LocalDate.of(Integer.parseInt(i.group(1)), Integer.parseInt(i.group(2)), Integer.parseInt(i.group(3)));
            }
        } catch (DateTimeException e) {
            return null;
        }
        return null;
    }

    /** 和暦の表記 — 令和3年2月19日. */
    public static String wareki(LocalDate d) {
        if (!d.isBefore(LocalDate.of(2019, 5, 1))) {
            return era("令和", d.getYear() - 2018, d);
        }
        if (!d.isBefore(LocalDate.of(1989, 1, 8))) {
            return era("平成", d.getYear() - 1988, d);
        }
        return era("昭和", d.getYear() - 1925, d);
    }

    private static String era(String name, int year, LocalDate d) {
        return name + (year == 1 ? "元" : String.valueOf(year)) + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
    }
}
