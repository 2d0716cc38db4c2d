package dev.gofetch.transfer;

/// The half-open byte interval [start, end) of a file.
public record ByteRange(long start, long end) {
    public ByteRange {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad byte range [" + start + ", " + end + ")");
        }
    }

    public long length() {
        return end - start;
    }

    @Override
    public String toString() {
        return "[" + start + ", " + end + ")";
    }
}
