package dev.gofetch.vcs;

import dev.gofetch.module.GoStrings;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/// A `<meta name="go-import" content="prefix vcs repo-root [subdir]">` tag (`metaImport` in cmd/go).
record GoImportMeta(String prefix, String vcs, String repoRoot, String subDir) {

    /// The go-import tags of an HTML page, read as the go command reads them: with Go's lenient XML
    /// tokenizer (`encoding/xml`, `Strict = false`), up to the end of `<head>` or the start of
    /// `<body>`. With `preferMod`, `mod` tags come first and hide other tags for the same prefix.
    /// @throws IOException the tokenizer's error (`XML syntax error on line N: ...`), but only when it
    ///     stops the page before any go-import tag was found
    static List<GoImportMeta> parse(byte[] html, boolean preferMod) throws IOException {
        List<GoImportMeta> imports = new ArrayList<>();
        Tokenizer tokens = new Tokenizer(html);
        while (true) {
            Token t;
            try {
                t = tokens.next();
            } catch (IOException e) {
                if (imports.isEmpty()) {
                    throw e;
                }
                break;
            }
            if (t == null) {
                break;
            }
            if (t instanceof Start s && s.local().equalsIgnoreCase("body")) {
                break;
            }
            if (t instanceof End e && e.local().equalsIgnoreCase("head")) {
                break;
            }
            if (!(t instanceof Start s) || !s.local().equalsIgnoreCase("meta")) {
                continue;
            }
            if (!attrValue(s, "name").equals("go-import")) {
                continue;
            }
            List<String> f = fields(attrValue(s, "content"));
            if (f.size() == 3 || f.size() == 4) {
                imports.add(new GoImportMeta(f.get(0), f.get(1), f.get(2), f.size() == 4 ? f.get(3) : ""));
            }
        }
        List<GoImportMeta> list = new ArrayList<>();
        Set<String> modPrefixes = new HashSet<>();
        if (preferMod) {
            for (GoImportMeta m : imports) {
                if (m.vcs().equals("mod")) {
                    modPrefixes.add(m.prefix());
                    list.add(m);
                }
            }
        }
        for (GoImportMeta m : imports) {
            if (!m.vcs().equals("mod") && !modPrefixes.contains(m.prefix())) {
                list.add(m);
            }
        }
        return list;
    }

    private static String attrValue(Start s, String name) {
        for (String[] a : s.attrs()) {
            if (a[0].equalsIgnoreCase(name)) {
                return a[1];
            }
        }
        return "";
    }

    /// `strings.Fields`: runs of non-space characters.
    static List<String> fields(String s) {
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (GoStrings.isSpace(cp)) {
                if (start >= 0) {
                    out.add(s.substring(start, i));
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) {
            out.add(s.substring(start));
        }
        return out;
    }

    private sealed interface Token permits Start, End, Other {}

    /// attrs: [local name, value] pairs
    private record Start(String local, List<String[]> attrs) implements Token {}

    private record End(String local) implements Token {}

    private record Other() implements Token {}

    private static final Other OTHER = new Other();

    private static final Map<String, Integer> ENTITIES = Map.of("lt", (int) '<', "gt", (int) '>', "amp", (int) '&',
            "apos", (int) '\'', "quot", (int) '"');

    /// Go's `xml.Decoder.RawToken` in non-strict mode, reduced to what go-import discovery looks at:
    /// element names and attributes. Character data, comments, directives and processing
    /// instructions are read (and fail) exactly as Go reads them, then dropped.
    private static final class Tokenizer {
        private final byte[] in;
        private int pos;
        private int line = 1;
        private String pendingEnd;
        private byte[] buf = new byte[64];
        private int len;

        Tokenizer(byte[] in) {
            this.in = in;
        }

        /// The next token, or null at the end of the input.
        Token next() throws IOException {
            if (pendingEnd != null) {
                String name = pendingEnd;
                pendingEnd = null;
                return new End(name);
            }
            int b = getc();
            if (b < 0) {
                return null;
            }
            if (b != '<') {
                ungetc(b);
                text(-1, false);
                return OTHER;
            }
            b = mustgetc();
            switch (b) {
                case '/' -> {
                    String name = nsname();
                    if (name == null) {
                        throw syntax("expected element name after </");
                    }
                    space();
                    if (mustgetc() != '>') {
                        throw syntax("invalid characters between </" + name + " and >");
                    }
                    return new End(name);
                }
                case '?' -> {
                    processingInstruction();
                    return OTHER;
                }
                case '!' -> {
                    commentCdataOrDirective();
                    return OTHER;
                }
                default -> {
                    ungetc(b);
                    return startElement();
                }
            }
        }

        private void processingInstruction() throws IOException {
            String target = name();
            if (target == null) {
                throw syntax("expected target name after <?");
            }
            space();
            len = 0;
            int b0 = 0;
            while (true) {
                int b = mustgetc();
                append(b);
                if (b0 == '?' && b == '>') {
                    break;
                }
                b0 = b;
            }
            if (!target.equals("xml")) {
                return;
            }
            String content = new String(buf, 0, len - 2, StandardCharsets.ISO_8859_1);
            String version = procInst("version", content);
            if (!version.isEmpty() && !version.equals("1.0")) {
                throw new IOException("xml: unsupported version " + quoteBytes(version)
                        + "; only version 1.0 is supported");
            }
            String enc = procInst("encoding", content);
            if (!enc.isEmpty() && !enc.equalsIgnoreCase("utf-8") && !enc.toLowerCase(Locale.ROOT).equals("ascii")) {
                // cmd/go's CharsetReader knows UTF-8 and ASCII only.
                throw new IOException("xml: opening charset " + quoteBytes(enc) + ": can't decode XML document using charset "
                        + quoteBytes(enc));
            }
        }

        /// `procInst`: the value of `param="..."` (or single-quoted) in a processing instruction.
        private static String procInst(String param, String s) {
            param = param + "=";
            int lenp = param.length();
            int i = 0;
            char sep = 0;
            while (i < s.length()) {
                String sub = s.substring(i);
                int k = sub.indexOf(param);
                if (k < 0 || lenp + k >= sub.length()) {
                    return "";
                }
                i += lenp + k + 1;
                char c = sub.charAt(lenp + k);
                if (c == '\'' || c == '"') {
                    sep = c;
                    break;
                }
            }
            if (sep == 0) {
                return "";
            }
            int j = s.indexOf(sep, i);
            return j < 0 ? "" : s.substring(i, j);
        }

        private void commentCdataOrDirective() throws IOException {
            int b = mustgetc();
            if (b == '-') {
                if (mustgetc() != '-') {
                    throw syntax("invalid sequence <!- not part of <!--");
                }
                int b0 = 0;
                int b1 = 0;
                while (true) {
                    b = mustgetc();
                    if (b0 == '-' && b1 == '-') {
                        if (b != '>') {
                            throw syntax("invalid sequence \"--\" not allowed in comments");
                        }
                        return;
                    }
                    b0 = b1;
                    b1 = b;
                }
            }
            if (b == '[') {
                for (int i = 0; i < 6; i++) {
                    if (mustgetc() != "CDATA[".charAt(i)) {
                        throw syntax("invalid <![ sequence");
                    }
                }
                text(-1, true);
                return;
            }
            // A directive such as <!DOCTYPE html>: quoted '>' and nested <...> and <!--...--> are skipped.
            int inquote = 0;
            int depth = 0;
            while (true) {
                b = mustgetc();
                if (inquote == 0 && b == '>' && depth == 0) {
                    return;
                }
                boolean again = true;
                while (again) {
                    again = false;
                    if (b == inquote) {
                        inquote = 0;
                    } else if (inquote != 0) {
                        // inside quotes
                    } else if (b == '\'' || b == '"') {
                        inquote = b;
                    } else if (b == '>') {
                        depth--;
                    } else if (b == '<') {
                        String s = "!--";
                        for (int i = 0; i < s.length(); i++) {
                            b = mustgetc();
                            if (b != s.charAt(i)) {
                                depth++;
                                again = true;
                                break;
                            }
                        }
                        if (!again) {
                            int b0 = 0;
                            int b1 = 0;
                            while (true) {
                                b = mustgetc();
                                if (b0 == '-' && b1 == '-' && b == '>') {
                                    break;
                                }
                                b0 = b1;
                                b1 = b;
                            }
                        }
                    }
                }
            }
        }

        private Token startElement() throws IOException {
            String name = nsname();
            if (name == null) {
                throw syntax("expected element name after <");
            }
            List<String[]> attrs = new ArrayList<>();
            while (true) {
                space();
                int b = mustgetc();
                if (b == '/') {
                    if (mustgetc() != '>') {
                        throw syntax("expected /> in element");
                    }
                    pendingEnd = name;
                    break;
                }
                if (b == '>') {
                    break;
                }
                ungetc(b);
                String attr = nsname();
                if (attr == null) {
                    throw syntax("expected attribute name in element");
                }
                space();
                b = mustgetc();
                String value;
                if (b != '=') {
                    ungetc(b); // HTML style: an attribute without a value has its own name as value
                    value = attr;
                } else {
                    space();
                    value = attrValue();
                }
                attrs.add(new String[] {attr, value});
            }
            return new Start(name, attrs);
        }

        private String attrValue() throws IOException {
            int b = mustgetc();
            if (b == '"' || b == '\'') {
                return utf8(text(b, false));
            }
            // Unquoted (HTML): letters, digits, '_', ':' and '-' only.
            ungetc(b);
            len = 0;
            while (true) {
                b = mustgetc();
                if ('a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' || b == '_' || b == ':'
                        || b == '-') {
                    append(b);
                } else {
                    ungetc(b);
                    break;
                }
            }
            return new String(buf, 0, len, StandardCharsets.UTF_8);
        }

        /// Character data up to '<' (quote < 0), the closing quote, or `]]>` in CDATA; entities replaced
        /// (unknown ones kept as written) and `\r\n` turned into `\n`.
        private byte[] text(int quote, boolean cdata) throws IOException {
            int b0 = 0;
            int b1 = 0;
            int trunc = 0;
            len = 0;
            while (true) {
                int b = getc();
                if (b < 0) {
                    if (cdata) {
                        throw syntax("unexpected EOF in CDATA section");
                    }
                    break;
                }
                if (quote < 0 && b0 == ']' && b1 == ']' && b == '>') {
                    if (cdata) {
                        trunc = 2;
                        break;
                    }
                    throw syntax("unescaped ]]> not in CDATA section");
                }
                if (b == '<' && !cdata) {
                    if (quote >= 0) {
                        throw syntax("unescaped < inside quoted string");
                    }
                    ungetc(b);
                    break;
                }
                if (quote >= 0 && b == quote) {
                    break;
                }
                if (b == '&' && !cdata) {
                    entity();
                    b0 = 0;
                    b1 = 0;
                    continue;
                }
                if (b == '\r') {
                    append('\n');
                } else if (!(b1 == '\r' && b == '\n')) {
                    append(b);
                }
                b0 = b1;
                b1 = b;
            }
            byte[] data = Arrays.copyOf(buf, len - trunc);
            String s;
            try {
                s = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(data)).toString();
            } catch (CharacterCodingException e) {
                throw syntax("invalid UTF-8");
            }
            for (int cp : s.codePoints().toArray()) {
                if (!(cp == 0x09 || cp == 0x0A || cp == 0x0D || cp >= 0x20 && cp <= 0xD7FF
                        || cp >= 0xE000 && cp <= 0xFFFD || cp >= 0x10000 && cp <= 0x10FFFF)) {
                    throw syntax(String.format(Locale.ROOT, "illegal character code U+%04X", cp));
                }
            }
            return data;
        }

        /// After '&': a character reference or one of the five predefined entities is replaced;
        /// anything else stays as written (non-strict mode).
        private void entity() throws IOException {
            int before = len;
            append('&');
            String replacement = null;
            int b = mustgetc();
            if (b == '#') {
                append(b);
                b = mustgetc();
                int base = 10;
                if (b == 'x') {
                    base = 16;
                    append(b);
                    b = mustgetc();
                }
                int start = len;
                while ('0' <= b && b <= '9' || base == 16 && ('a' <= b && b <= 'f' || 'A' <= b && b <= 'F')) {
                    append(b);
                    b = mustgetc();
                }
                if (b != ';') {
                    ungetc(b);
                } else {
                    String digits = new String(buf, start, len - start, StandardCharsets.ISO_8859_1);
                    append(';');
                    try {
                        long n = Long.parseLong(digits, base);
                        if (n <= 0x10FFFF) {
                            int cp = (int) n;
                            replacement = cp >= 0xD800 && cp <= 0xDFFF ? "\uFFFD" : new String(Character.toChars(cp));
                        }
                    } catch (NumberFormatException e) {
                        // not a number Go can parse either: kept as written
                    }
                }
            } else {
                ungetc(b);
                readName();
                b = mustgetc();
                if (b != ';') {
                    ungetc(b);
                } else {
                    byte[] name = Arrays.copyOfRange(buf, before + 1, len);
                    append(';');
                    if (isName(name)) {
                        Integer cp = ENTITIES.get(new String(name, StandardCharsets.UTF_8));
                        if (cp != null) {
                            replacement = Character.toString(cp);
                        }
                    }
                }
            }
            if (replacement != null) {
                len = before;
                for (byte x : replacement.getBytes(StandardCharsets.UTF_8)) {
                    append(x & 0xff);
                }
            }
        }

        /// A name, with a namespace prefix (`x:meta`) dropped; null when there is none here or it has
        /// more than one colon.
        private String nsname() throws IOException {
            String s = name();
            if (s == null) {
                return null;
            }
            int colon = s.indexOf(':');
            if (colon >= 0 && s.indexOf(':', colon + 1) >= 0) {
                return null;
            }
            if (colon > 0 && colon < s.length() - 1) {
                return s.substring(colon + 1);
            }
            return s;
        }

        private String name() throws IOException {
            len = 0;
            if (!readName()) {
                return null;
            }
            byte[] b = Arrays.copyOf(buf, len);
            if (!isName(b)) {
                throw syntax("invalid XML name: " + new String(b, StandardCharsets.UTF_8));
            }
            return new String(b, StandardCharsets.UTF_8);
        }

        /// Appends name bytes (ASCII name characters and any non-ASCII byte); false if none is here.
        private boolean readName() throws IOException {
            int b = mustgetc();
            if (b < 0x80 && !isNameByte(b)) {
                ungetc(b);
                return false;
            }
            append(b);
            while (true) {
                b = mustgetc();
                if (b < 0x80 && !isNameByte(b)) {
                    ungetc(b);
                    return true;
                }
                append(b);
            }
        }

        private static boolean isNameByte(int c) {
            return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_' || c == ':'
                    || c == '.' || c == '-';
        }

        /// XML's Name production, close enough outside ASCII (letters start, letters and digits follow).
        private static boolean isName(byte[] raw) {
            String s;
            try {
                s = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(raw)).toString();
            } catch (CharacterCodingException e) {
                return false;
            }
            if (s.isEmpty()) {
                return false;
            }
            int[] cps = s.codePoints().toArray();
            for (int i = 0; i < cps.length; i++) {
                int c = cps[i];
                boolean first = c == '_' || c == ':' || Character.isLetter(c);
                boolean second = c == '-' || c == '.' || c == 0xB7 || Character.isDigit(c)
                        || Character.getType(c) == Character.NON_SPACING_MARK
                        || Character.getType(c) == Character.COMBINING_SPACING_MARK
                        || Character.getType(c) == Character.ENCLOSING_MARK
                        || Character.getType(c) == Character.MODIFIER_LETTER;
                if (!(first || (i > 0 && second))) {
                    return false;
                }
            }
            return true;
        }

        private void space() {
            while (true) {
                int b = getc();
                if (b < 0) {
                    return;
                }
                if (b != ' ' && b != '\r' && b != '\n' && b != '\t') {
                    ungetc(b);
                    return;
                }
            }
        }

        private int getc() {
            if (pos >= in.length) {
                return -1;
            }
            int b = in[pos++] & 0xff;
            if (b == '\n') {
                line++;
            }
            return b;
        }

        private int mustgetc() throws IOException {
            int b = getc();
            if (b < 0) {
                throw syntax("unexpected EOF");
            }
            return b;
        }

        private void ungetc(int b) {
            pos--;
            if (b == '\n') {
                line--;
            }
        }

        private void append(int b) {
            if (len == buf.length) {
                buf = Arrays.copyOf(buf, len * 2);
            }
            buf[len++] = (byte) b;
        }

        private IOException syntax(String msg) {
            return new IOException("XML syntax error on line " + line + ": " + msg);
        }

        private static String utf8(byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }

        private static String quoteBytes(String latin1) {
            return GoStrings.quote(new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
        }
    }
}
