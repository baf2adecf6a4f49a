package org.wgns.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.StringReader;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** What wgns writes instead of Properties.store reads back the same, whatever the values hold. */
class PropertiesTextTest {
    @Test
    void readsBackWhatItWrote() throws Exception {
        Properties p = new Properties();
        p.setProperty("plain", "value");
        p.setProperty("key with spaces", "  leading, inner  and trailing  ");
        p.setProperty("a=b:c#d!e", "x=y:z #! \\ back\\slash");
        p.setProperty("lines", "one\ntwo\r\nthree\tfour\ffive");
        p.setProperty("unicode", "ä € \u0001 \u007f \ud83d\ude00");
        p.setProperty("#comment-like", "!bang");
        p.setProperty("empty", "");
        p.setProperty(" lead", "\\");
        String text = PropertiesText.of(p, "wgns state of namespace vpn; removed by wgns down");
        Properties back = new Properties();
        back.load(new StringReader(text));
        assertEquals(p, back);
        assertEquals("#wgns state of namespace vpn; removed by wgns down", text.lines().findFirst().orElseThrow());
        assertFalse(text.lines().skip(1).anyMatch(l -> l.startsWith("#")), "one comment line, no date: " + text);
    }
}
