package org.kohyo.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kohyo.text.JapaneseDate;

/** 日付 — {@link JapaneseDate}: 令和・平成（元年も）と ISO、元号の境目. */
class JapaneseDateTest {
    @Test
    void warekiAndIso() {
        assertEquals(LocalDate.of(2021, 2, 19), JapaneseDate.parse("令和3年2月19日"));
        assertEquals(LocalDate.of(2015, 7, 8), JapaneseDate.parse("平成27年7月8日"));
        assertEquals(LocalDate.of(2021, 2, 19), JapaneseDate.parse("2021-02-19"));
        assertEquals(LocalDate.of(2021, 2, 19), JapaneseDate.parse("2021/2/19"));
        assertEquals(LocalDate.of(2021, 2, 19), JapaneseDate.parse("令和３年２月１９日"));
        assertEquals(LocalDate.of(2021, 2, 19), JapaneseDate.parse(" 令和3年 2月19日 "));
    }

    @Test
    void gannen() {
        assertEquals(LocalDate.of(2019, 5, 1), JapaneseDate.parse("令和元年5月1日"));
        assertEquals(LocalDate.of(1989, 1, 8), JapaneseDate.parse("平成元年1月8日"));
        assertEquals(LocalDate.of(2019, 5, 1), JapaneseDate.parse("令和1年5月1日"));
    }

    @Test
    void eraBoundaries() {
        assertEquals(LocalDate.of(2019, 4, 30), JapaneseDate.parse("平成31年4月30日"));
        assertNull(JapaneseDate.parse("令和元年4月30日"));
        assertNull(JapaneseDate.parse("平成31年5月1日"));
        assertNull(JapaneseDate.parse("平成32年1月1日"));
        assertNull(JapaneseDate.parse("平成元年1月7日"));
        assertEquals(LocalDate.of(1989, 1, 7), JapaneseDate.parse("昭和64年1月7日"));
        assertNull(JapaneseDate.parse("昭和64年1月8日"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"令和3年2月30日", "令和3年2月29日", "2021-13-01", "2021-02-30", "2021-00-10", "来年", "", "令和3年",
            "R3.2.19", "令和0年5月1日", "令和3年2月19日まで", "2021-02-19T00:00"})
    void invalid(String s) {
        assertNull(JapaneseDate.parse(s), s);
    }

    @Test
    void leapDay() {
        assertEquals(LocalDate.of(2020, 2, 29), JapaneseDate.parse("令和2年2月29日"));
    }

    @Test
    void warekiForDisplay() {
        assertEquals("令和元年5月1日", JapaneseDate.wareki(LocalDate.of(2019, 5, 1)));
        assertEquals("平成31年4月30日", JapaneseDate.wareki(LocalDate.of(2019, 4, 30)));
        assertEquals("令和3年2月19日", JapaneseDate.wareki(LocalDate.of(2021, 2, 19)));
    }
}
