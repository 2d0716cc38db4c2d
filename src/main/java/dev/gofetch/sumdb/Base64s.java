package dev.gofetch.sumdb;

import java.util.Base64;
import java.util.Optional;

/// Standard base64 decoding as strict as Go's `base64.StdEncoding` (padding required), which Java's
/// decoder is not.
final class Base64s {
    private Base64s() {}

    static Optional<byte[]> decode(String s) {
        if (s.length() % 4 != 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(Base64.getDecoder().decode(s));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static String encode(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }
}
