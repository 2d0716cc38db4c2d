package dev.gofetch.sumdb;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/// A log record as a lookup answer carries it (`tlog.FormatRecord`/`ParseRecord`): the decimal record
/// id on a line, the record text (go.sum lines), an empty line, and whatever follows (the signed tree).
public record LogRecord(long id, byte[] text) {

    /// The record as served: `<id>\n<text>\n`.
    /// @throws SumdbException `malformed record data` for text that is not valid record text
    public byte[] format() throws SumdbException {
        if (!isValidText(text)) {
            throw malformed();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((id + "\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(text);
        out.write('\n');
        return out.toByteArray();
    }

    /// A record parsed from the start of a message, and the rest of the message.
    public record Parsed(LogRecord record, byte[] rest) {}

    /// `tlog.ParseRecord`. @throws SumdbException `malformed record data`
    public static Parsed parse(byte[] msg) throws SumdbException {
        int nl = indexOf(msg, 0);
        if (nl < 0) {
            throw malformed();
        }
        long id;
        try {
            id = Long.parseLong(new String(msg, 0, nl, StandardCharsets.UTF_8));
        } catch (NumberFormatException e) {
            throw malformed();
        }
        int start = nl + 1;
        int split = -1;
        for (int i = start; i + 1 < msg.length; i++) {
            if (msg[i] == '\n' && msg[i + 1] == '\n') {
                split = i;
                break;
            }
        }
        if (split < 0) {
            throw malformed();
        }
        byte[] text = Arrays.copyOfRange(msg, start, split + 1);
        if (!isValidText(text)) {
            throw malformed();
        }
        return new Parsed(new LogRecord(id, text), Arrays.copyOfRange(msg, split + 2, msg.length));
    }

    /// Valid UTF-8 without control characters other than newline, no empty line, ending in a newline.
    static boolean isValidText(byte[] text) {
        if (!Note.isValidUtf8WithoutControls(text)) {
            return false;
        }
        for (int i = 1; i < text.length; i++) {
            if (text[i] == '\n' && text[i - 1] == '\n') {
                return false;
            }
        }
        return text.length > 0 && text[text.length - 1] == '\n';
    }

    private static int indexOf(byte[] msg, int from) {
        for (int i = from; i < msg.length; i++) {
            if (msg[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static SumdbException malformed() {
        return new SumdbException("malformed record data");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogRecord r && r.id == id && Arrays.equals(r.text, text);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id) * 31 + Arrays.hashCode(text);
    }

    @Override
    public String toString() {
        return "LogRecord[" + id + ", " + new String(text, StandardCharsets.UTF_8) + "]";
    }
}
