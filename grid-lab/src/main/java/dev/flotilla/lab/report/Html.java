package dev.flotilla.lab.report;

import dev.flotilla.lab.check.Verdict;

/** HTML text escaping and the one inline style sheet of every report page. */
final class Html {
    static final String STYLE = """
            body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px auto;max-width:1080px;color:#222;padding:0 16px}
            h1{font-size:22px;margin:0 0 4px} h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
            table{border-collapse:collapse;margin:8px 0} td,th{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
            th{background:#f5f5f5} code,pre{font:12px ui-monospace,Menlo,Consolas,monospace} pre{background:#f7f7f7;padding:8px;white-space:pre-wrap}
            .VALID{background:#d9f2d9;color:#135313;font-weight:600} .INVALID{background:#f8d3d3;color:#7a1212;font-weight:600}
            .UNKNOWN{background:#fbeec2;color:#6b5400;font-weight:600} .NA{background:#eee;color:#777}
            .badge{display:inline-block;padding:2px 10px;border-radius:10px} .muted{color:#777}
            svg{background:#fff;border:1px solid #eee;margin:6px 0} svg .ct{font-size:13px;font-weight:600;fill:#333}
            svg .ax{font-size:11px;fill:#555} svg .grid{stroke:#eee} svg .frame{fill:none;stroke:#bbb}
            .matrix td{font-size:12px} .matrix td small{display:block;color:#444;font-weight:normal}
            .legend span{display:inline-block;margin-right:14px} .legend i{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:-1px;opacity:.35}
            """;

    private Html() {
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String badge(Verdict verdict) {
        return badge(verdict, verdict.name());
    }

    /** A verdict badge coloured by the verdict, with {@code text} (the verdict qualified by its fault coverage). */
    static String badge(Verdict verdict, String text) {
        return "<span class=\"badge " + verdict + "\">" + escape(text) + "</span>";
    }

    static String head(String title) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title>\n<style>\n" + STYLE + "</style></head><body>\n";
    }
}
