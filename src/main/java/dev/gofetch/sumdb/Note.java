package dev.gofetch.sumdb;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/// A signed note (`golang.org/x/mod/sumdb/note`): text ending in a newline, an empty line, then one
/// line `— <name> <base64(4-byte key hash ‖ signature)>` per signature.
///
/// @param text           the note text, including its final newline
/// @param sigs           signatures verified by a known key
/// @param unverifiedSigs signatures by keys that are not known
public record Note(String text, List<Signature> sigs, List<Signature> unverifiedSigs) {
    private static final int MAX_SIGNATURES = 100;
    private static final byte[] SIG_PREFIX = "— ".getBytes(StandardCharsets.UTF_8);

    public Note {
        Objects.requireNonNull(text);
        sigs = List.copyOf(sigs);
        unverifiedSigs = List.copyOf(unverifiedSigs);
    }

    public static Note unsigned(String text) {
        return new Note(text, List.of(), List.of());
    }

    /// One signature line.
    public record Signature(String name, int keyHash, String base64) {}

    /// `note.Open`: parses msg and checks every signature by a known key. Signatures by unknown keys are
    /// kept as unverified; a known key's signature must verify.
    /// @throws SumdbException `malformed note`, `invalid signature for key <name>+<hash>`,
    ///     `note has no verifiable signatures`, `ambiguous key <name>+<hash>`
    public static Note open(byte[] msg, List<NoteVerifier> known) throws SumdbException {
        if (!isValidUtf8WithoutControls(msg)) {
            throw malformed();
        }
        int split = lastIndexOfBlankLine(msg);
        if (split < 0) {
            throw malformed();
        }
        byte[] text = Arrays.copyOfRange(msg, 0, split + 1);
        byte[] sigs = Arrays.copyOfRange(msg, split + 2, msg.length);
        if (sigs.length == 0 || sigs[sigs.length - 1] != '\n') {
            throw malformed();
        }
        List<Signature> verified = new ArrayList<>();
        List<Signature> unverified = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Set<String> seenUnverified = new HashSet<>();
        int numSig = 0;
        int pos = 0;
        while (pos < sigs.length) {
            int nl = pos;
            while (sigs[nl] != '\n') {
                nl++;
            }
            byte[] line = Arrays.copyOfRange(sigs, pos, nl);
            pos = nl + 1;
            if (!startsWith(line, SIG_PREFIX)) {
                throw malformed();
            }
            String rest = new String(line, SIG_PREFIX.length, line.length - SIG_PREFIX.length, StandardCharsets.UTF_8);
            int sp = rest.indexOf(' ');
            String name = sp < 0 ? rest : rest.substring(0, sp);
            String b64 = sp < 0 ? "" : rest.substring(sp + 1);
            byte[] sig = Base64s.decode(b64).orElse(null);
            if (sig == null || !NoteVerifier.isValidName(name) || b64.isEmpty() || sig.length < 5) {
                throw malformed();
            }
            int hash = ByteBuffer.wrap(sig, 0, 4).getInt();
            byte[] raw = Arrays.copyOfRange(sig, 4, sig.length);
            if (++numSig > MAX_SIGNATURES) {
                throw malformed();
            }
            NoteVerifier v = find(known, name, hash);
            if (v == null) {
                if (seenUnverified.add(rest)) {
                    unverified.add(new Signature(name, hash, b64));
                }
                continue;
            }
            if (!seen.add(name + "+" + hash)) {
                continue;
            }
            if (!v.verify(text, raw)) {
                throw new SumdbException("invalid signature for key " + name + "+" + NoteVerifier.hex8(hash));
            }
            verified.add(new Signature(name, hash, b64));
        }
        Note note = new Note(new String(text, StandardCharsets.UTF_8), verified, unverified);
        if (verified.isEmpty()) {
            throw new UnverifiedNoteException(note);
        }
        return note;
    }

    /// The note opened without any verified signature; {@link #note()} has what was parsed.
    public static final class UnverifiedNoteException extends SumdbException {
        private static final long serialVersionUID = 1L;
        private final transient Note note;

        UnverifiedNoteException(Note note) {
            super("note has no verifiable signatures");
            this.note = note;
        }

        public Note note() {
            return note;
        }
    }

    private static NoteVerifier find(List<NoteVerifier> known, String name, int hash) throws SumdbException {
        NoteVerifier found = null;
        for (NoteVerifier v : known) {
            if (v.name().equals(name) && v.keyHash() == hash) {
                if (found != null) {
                    throw new SumdbException("ambiguous key " + name + "+" + NoteVerifier.hex8(hash));
                }
                found = v;
            }
        }
        return found;
    }

    /// `note.Sign`: the text, an empty line, the signatures already present (except those by the
    /// signers' keys), then one new signature per signer.
    public static byte[] sign(Note n, NoteSigner... signers) throws SumdbException {
        if (!n.text.endsWith("\n")) {
            throw malformed();
        }
        byte[] text = n.text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(text);
        out.write('\n');
        Set<String> have = new HashSet<>();
        StringBuilder fresh = new StringBuilder();
        for (NoteSigner s : signers) {
            have.add(s.name() + "+" + s.keyHash());
            if (!NoteVerifier.isValidName(s.name())) {
                throw new SumdbException("invalid signer");
            }
            byte[] sig = s.sign(text);
            byte[] withHash = ByteBuffer.allocate(4 + sig.length).putInt(s.keyHash()).put(sig).array();
            fresh.append("— ").append(s.name()).append(' ').append(Base64s.encode(withHash)).append('\n');
        }
        List<Signature> existing = new ArrayList<>(n.sigs);
        existing.addAll(n.unverifiedSigs);
        for (Signature sig : existing) {
            if (!NoteVerifier.isValidName(sig.name())) {
                throw malformed();
            }
            if (have.contains(sig.name() + "+" + sig.keyHash())) {
                continue;
            }
            byte[] raw = Base64s.decode(sig.base64()).orElse(null);
            if (raw == null || raw.length < 4 || ByteBuffer.wrap(raw, 0, 4).getInt() != sig.keyHash()) {
                throw malformed();
            }
            out.writeBytes(("— " + sig.name() + " " + sig.base64() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(fresh.toString().getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /// Valid UTF-8 with no ASCII control characters except newline.
    static boolean isValidUtf8WithoutControls(byte[] b) {
        var decoder = StandardCharsets.UTF_8.newDecoder();
        try {
            decoder.decode(java.nio.ByteBuffer.wrap(b));
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
        for (byte x : b) {
            if (x >= 0 && x < 0x20 && x != '\n') {
                return false;
            }
        }
        return true;
    }

    private static int lastIndexOfBlankLine(byte[] msg) {
        for (int i = msg.length - 2; i >= 0; i--) {
            if (msg[i] == '\n' && msg[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        return b.length >= prefix.length && Arrays.equals(b, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static SumdbException malformed() {
        return new SumdbException("malformed note");
    }
}
