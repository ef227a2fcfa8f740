package org.kohyo.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;
import org.kohyo.text.TextNormalizer;

/** 見出しの照合 — {@link TextNormalizer#labelKey}: how a source key is matched with a printed label. */
class LabelKeyTest {
    static String key(String s) {
        return TextNormalizer.labelKey(s);
    }

    @Test
    void romanNumeralsMatchLatinLetters() {
        assertEquals(key("I 基本情報"), key("Ⅰ 基本情報"));
        assertEquals(key("II 特定個人情報ファイルの概要"), key("Ⅱ 特定個人情報ファイルの概要"));
        assertEquals(key("III"), key("Ⅲ"));
        assertEquals(key("IV"), key("Ⅳ"));
        assertEquals(key("VI"), key("Ⅵ"));
    }

    @Test
    void fullAndHalfWidthAreTheSame() {
        assertEquals(key("3. 特定個人情報ファイル名"), key("３．特定個人情報ファイル名"));
        assertEquals(key("(別添1)"), key("（別添１）"));
        assertEquals(key("その他識別情報(内部番号)"), key("その他識別情報（内部番号）"));
        assertEquals(key("ABC"), key("ＡＢＣ"));
        assertEquals(key("ｶﾀｶﾅ"), key("カタカナ"));
    }

    @Test
    void whiteSpaceIsIgnored() {
        assertEquals(key("①部署"), key("① 部署"));
        assertEquals(key("①部署"), key("①\u3000部署"));
        assertEquals(key("6. 評価実施機関における担当部署"), key("6.評価実施機関における担当部署"));
    }

    @Test
    void circledNumbersStayDistinctFromDigits() {
        assertEquals("①部署", key("①部署"));
        assertNotEquals(key("1部署"), key("①部署"));
        assertNotEquals(key("1"), key("①"));
        assertNotEquals(key("⑳"), key("20"));
        assertEquals("⑳", key("⑳"));
        assertEquals(key("②"), key("②"));
        assertNotEquals(key("①"), key("②"));
    }

    @Test
    void colonsAreRemoved() {
        assertEquals(key("リスク1 目的外の入手"), key("リスク1：目的外の入手"));
        assertEquals(key("リスク1 目的外の入手"), key("リスク1: 目的外の入手"));
        assertEquals("リスク1目的外の入手", key("リスク1： 目的外の入手"));
    }

    @Test
    void nullIsEmpty() {
        assertEquals("", key(null));
    }
}
