package dev.gofetch.lab;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/// The bytes of one file in a module zip, produced on demand so that big files are streamed
/// and never held in memory.
public interface Content {

    void writeTo(OutputStream out) throws IOException;

    /// False for data that deflate cannot shrink; the zip writer then stores it in raw deflate
    /// blocks instead of wasting time compressing.
    default boolean compressible() {
        return true;
    }

    static Content of(byte[] bytes) {
        byte[] copy = bytes.clone();
        return out -> out.write(copy);
    }

    static Content text(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    /// `size` deterministic pseudo-random bytes derived from `seed`: the same seed and size give the
    /// same bytes on every run and machine.
    static Content pseudoRandom(long seed, long size) {
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
        return new Content() {
            @Override
            public void writeTo(OutputStream out) throws IOException {
                SplittableRandom random = new SplittableRandom(seed);
                byte[] buf = new byte[64 * 1024];
                long left = size;
                while (left > 0) {
                    int n = (int) Math.min(buf.length, left);
                    for (int i = 0; i < n; i += 8) {
                        long bits = random.nextLong();
                        for (int k = 0; k < 8 && i + k < n; k++) {
                            buf[i + k] = (byte) (bits >>> (8 * k));
                        }
                    }
                    out.write(buf, 0, n);
                    left -= n;
                }
            }

            @Override
            public boolean compressible() {
                return false;
            }
        };
    }
}
