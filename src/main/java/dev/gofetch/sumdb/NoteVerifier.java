package dev.gofetch.sumdb;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/// A verifier key, `<name>+<8 hex digits of key hash>+<base64 of 0x01 ‖ Ed25519 public key>`
/// (`note.NewVerifier`): the key that checks a checksum database's signed tree heads.
public final class NoteVerifier {
    static final byte ALG_ED25519 = 1;
    /// DER SubjectPublicKeyInfo prefix for a raw 32-byte Ed25519 public key (RFC 8410).
    private static final byte[] X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private final String name;
    private final int keyHash;
    private final PublicKey publicKey;
    private final String text;

    private NoteVerifier(String name, int keyHash, PublicKey publicKey, String text) {
        this.name = name;
        this.keyHash = keyHash;
        this.publicKey = publicKey;
        this.text = text;
    }

    /// @throws SumdbException `malformed verifier id`, `invalid verifier hash`, `unknown verifier algorithm`
    public static NoteVerifier parse(String vkey) throws SumdbException {
        String[] parts = cut3(vkey);
        String name = parts[0];
        String hash16 = parts[1];
        byte[] key = Base64s.decode(parts[2]).orElse(null);
        if (hash16.length() != 8 || !isHex(hash16) || key == null || !isValidName(name) || key.length == 0) {
            throw new SumdbException("malformed verifier id");
        }
        int hash = (int) Long.parseLong(hash16, 16);
        if (hash != keyHash(name, key)) {
            throw new SumdbException("invalid verifier hash");
        }
        if (key[0] != ALG_ED25519) {
            throw new SumdbException("unknown verifier algorithm");
        }
        if (key.length != 33) {
            throw new SumdbException("malformed verifier id");
        }
        return new NoteVerifier(name, hash, publicKey(Arrays.copyOfRange(key, 1, 33)), vkey);
    }

    /// The verifier key for an Ed25519 public key (`note.NewEd25519VerifierKey`).
    public static String format(String name, byte[] ed25519PublicKey) {
        if (ed25519PublicKey.length != 32) {
            throw new IllegalArgumentException("invalid public key size " + ed25519PublicKey.length + ", expected 32");
        }
        byte[] key = new byte[33];
        key[0] = ALG_ED25519;
        System.arraycopy(ed25519PublicKey, 0, key, 1, 32);
        return name + "+" + hex8(keyHash(name, key)) + "+" + Base64s.encode(key);
    }

    public String name() {
        return name;
    }

    public int keyHash() {
        return keyHash;
    }

    /// The key as written (`name+hash+key`).
    @Override
    public String toString() {
        return text;
    }

    /// Whether sig is a valid Ed25519 signature of msg under this key.
    public boolean verify(byte[] msg, byte[] sig) {
        try {
            Signature v = Signature.getInstance("Ed25519");
            v.initVerify(publicKey);
            v.update(msg);
            return v.verify(sig);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static PublicKey publicKey(byte[] raw) throws SumdbException {
        byte[] der = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + 32);
        System.arraycopy(raw, 0, der, X509_PREFIX.length, 32);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new SumdbException("malformed verifier id", e);
        }
    }

    /// First 4 bytes (big-endian) of SHA-256(name ‖ "\n" ‖ key), key including its algorithm byte.
    static int keyHash(String name, byte[] key) {
        var d = Tlog.sha256();
        d.update(name.getBytes(StandardCharsets.UTF_8));
        d.update((byte) '\n');
        d.update(key);
        return ByteBuffer.wrap(d.digest()).getInt();
    }

    static String hex8(int hash) {
        return String.format("%08x", hash);
    }

    /// Non-empty, no (Unicode) white space, no `+`.
    static boolean isValidName(String name) {
        return !name.isEmpty() && name.indexOf('+') < 0
                && name.codePoints().noneMatch(dev.gofetch.module.GoStrings::isSpace);
    }

    static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }

    /// Go's `strings.Cut` on `+` twice: {before first, between, after second} (missing parts empty).
    static String[] cut3(String s) {
        int a = s.indexOf('+');
        if (a < 0) {
            return new String[] {s, "", ""};
        }
        String rest = s.substring(a + 1);
        int b = rest.indexOf('+');
        if (b < 0) {
            return new String[] {s.substring(0, a), rest, ""};
        }
        return new String[] {s.substring(0, a), rest.substring(0, b), rest.substring(b + 1)};
    }
}
