package dev.gofetch.sumdb;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;

/// A signer key, `PRIVATE+KEY+<name>+<hash>+<base64 of 0x01 ‖ Ed25519 seed>` (`note.NewSigner`): what a
/// checksum database server signs its tree heads with.
public final class NoteSigner {
    /// DER PKCS#8 prefix for a raw 32-byte Ed25519 seed (RFC 8410).
    private static final byte[] PKCS8_PREFIX = {0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70,
            0x04, 0x22, 0x04, 0x20};

    private final String name;
    private final int keyHash;
    private final PrivateKey privateKey;
    private final String verifierKey;

    private NoteSigner(String name, int keyHash, PrivateKey privateKey, String verifierKey) {
        this.name = name;
        this.keyHash = keyHash;
        this.privateKey = privateKey;
        this.verifierKey = verifierKey;
    }

    /// A signer and verifier key pair (`note.GenerateKey`).
    public record KeyPairText(String signerKey, String verifierKey) {}

    /// @throws SumdbException `malformed verifier id`, `unknown verifier algorithm`, `invalid verifier hash`
    ///     (Go's signer errors read like the verifier's)
    public static NoteSigner parse(String skey) throws SumdbException {
        String priv1 = "";
        String priv2 = "";
        String rest = skey;
        int i = rest.indexOf('+');
        priv1 = i < 0 ? rest : rest.substring(0, i);
        rest = i < 0 ? "" : rest.substring(i + 1);
        i = rest.indexOf('+');
        priv2 = i < 0 ? rest : rest.substring(0, i);
        rest = i < 0 ? "" : rest.substring(i + 1);
        String[] parts = NoteVerifier.cut3(rest);
        String name = parts[0];
        String hash16 = parts[1];
        byte[] key = Base64s.decode(parts[2]).orElse(null);
        if (!priv1.equals("PRIVATE") || !priv2.equals("KEY") || hash16.length() != 8 || !NoteVerifier.isHex(hash16)
                || key == null || !NoteVerifier.isValidName(name) || key.length == 0) {
            throw new SumdbException("malformed verifier id");
        }
        int hash = (int) Long.parseLong(hash16, 16);
        if (key[0] != NoteVerifier.ALG_ED25519) {
            throw new SumdbException("unknown verifier algorithm");
        }
        if (key.length != 33) {
            throw new SumdbException("malformed verifier id");
        }
        byte[] seed = Arrays.copyOfRange(key, 1, 33);
        byte[] pub = publicKeyOf(seed);
        String vkey = NoteVerifier.format(name, pub);
        byte[] pubKey = new byte[33];
        pubKey[0] = NoteVerifier.ALG_ED25519;
        System.arraycopy(pub, 0, pubKey, 1, 32);
        if (hash != NoteVerifier.keyHash(name, pubKey)) {
            throw new SumdbException("invalid verifier hash");
        }
        return new NoteSigner(name, hash, privateKey(seed), vkey);
    }

    /// A fresh key pair for a server name.
    public static KeyPairText generate(String name) {
        return generate(name, new SecureRandom());
    }

    static KeyPairText generate(String name, SecureRandom random) {
        if (!NoteVerifier.isValidName(name)) {
            throw new IllegalArgumentException("invalid signer name " + name);
        }
        byte[] seed = new byte[32];
        random.nextBytes(seed);
        byte[] pub = publicKeyOf(seed);
        String vkey = NoteVerifier.format(name, pub);
        byte[] priv = new byte[33];
        priv[0] = NoteVerifier.ALG_ED25519;
        System.arraycopy(seed, 0, priv, 1, 32);
        String hash = NoteVerifier.cut3(vkey)[1];
        return new KeyPairText("PRIVATE+KEY+" + name + "+" + hash + "+" + Base64s.encode(priv), vkey);
    }

    public String name() {
        return name;
    }

    public int keyHash() {
        return keyHash;
    }

    /// The matching verifier key.
    public String verifierKey() {
        return verifierKey;
    }

    /// The Ed25519 signature of msg (deterministic).
    public byte[] sign(byte[] msg) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(privateKey);
            s.update(msg);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    private static PrivateKey privateKey(byte[] seed) throws SumdbException {
        byte[] der = Arrays.copyOf(PKCS8_PREFIX, PKCS8_PREFIX.length + 32);
        System.arraycopy(seed, 0, der, PKCS8_PREFIX.length, 32);
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new SumdbException("malformed verifier id", e);
        }
    }

    /// The public key of an Ed25519 seed. The JDK has no direct call for it; its key pair generator
    /// takes the 32 bytes it draws from the random source as the seed, so it is fed exactly this seed.
    /// (A provider that drew differently would give a key whose hash fails to check, loudly.)
    private static byte[] publicKeyOf(byte[] seed) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
            g.initialize(NamedParameterSpec.ED25519, new SecureRandom() {
                private static final long serialVersionUID = 1L;

                @Override
                public void nextBytes(byte[] bytes) {
                    System.arraycopy(seed, 0, bytes, 0, Math.min(bytes.length, seed.length));
                }
            });
            KeyPair kp = g.generateKeyPair();
            byte[] enc = kp.getPublic().getEncoded();
            return Arrays.copyOfRange(enc, enc.length - 32, enc.length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available", e);
        }
    }
}
