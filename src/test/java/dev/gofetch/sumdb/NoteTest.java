package dev.gofetch.sumdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/// Vectors from golang.org/x/mod/sumdb/note/note_test.go.
class NoteTest {
    static final String PETER_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    static final String PETER_SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    static final String ENOCH_VKEY = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";
    static final String TEXT = "If you think cryptography is the answer to your problem,\n"
            + "then you don't know what your problem is.\n";
    static final String PETER_B64 = "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=";
    static final String ENOCH_B64 = "rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=";
    static final String PETER_SIG = "— PeterNeumann " + PETER_B64 + "\n";
    static final String ENOCH_SIG = "— EnochRoot " + ENOCH_B64 + "\n";
    static final Note.Signature PETER = new Note.Signature("PeterNeumann", 0xc74f20a3, PETER_B64);
    static final Note.Signature ENOCH = new Note.Signature("EnochRoot", 0xaf0cfe78, ENOCH_B64);

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void verifierKeyParsesToItsNameAndHash() throws Exception {
        NoteVerifier v = NoteVerifier.parse(PETER_VKEY);
        assertThat(v.name()).isEqualTo("PeterNeumann");
        assertThat(v.keyHash()).isEqualTo(0xc74f20a3);
        assertThat(v).hasToString(PETER_VKEY);
    }

    @Test
    void everyManglingOfAVerifierKeyIsRejected() {
        byte[] b = utf8(PETER_VKEY);
        List<String> bad = new ArrayList<>();
        for (int i = 0; i <= b.length; i++) {
            for (int j = i + 1; j <= b.length; j++) {
                if (i != 0 || j != b.length) {
                    bad.add(new String(b, i, j - i, StandardCharsets.ISO_8859_1));
                }
            }
        }
        for (int i = 0; i < b.length; i++) {
            b[i]++;
            bad.add(new String(b, StandardCharsets.ISO_8859_1));
            b[i]--;
        }
        for (String k : bad) {
            assertThatThrownBy(() -> NoteVerifier.parse(k)).as(k).isInstanceOf(SumdbException.class);
        }
    }

    @Test
    void verifierKeyErrorsNameTheProblem() {
        assertThatThrownBy(() -> NoteVerifier.parse(
                "PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY=="))
                .hasMessage("malformed verifier id"); // wrong key length, hash adjusted
        assertThatThrownBy(() -> NoteVerifier.parse(
                "PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"))
                .hasMessage("unknown verifier algorithm"); // hash adjusted
        assertThatThrownBy(() -> NoteVerifier.parse(
                "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"))
                .hasMessage("invalid verifier hash");
        // Java's number parser would accept a sign; Go's ParseUint does not.
        assertThatThrownBy(() -> NoteVerifier.parse("PeterNeumann+-74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"))
                .hasMessage("malformed verifier id");
    }

    @Test
    void sumGolangOrgKeyHashIsRecomputedFromItsKey() throws Exception {
        NoteVerifier v = NoteVerifier.parse("sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8");
        assertThat(v.name()).isEqualTo("sum.golang.org");
        assertThat(NoteVerifier.hex8(v.keyHash())).isEqualTo("033de0ae");
    }

    @Test
    void signerKeyDerivesTheMatchingVerifierKey() throws Exception {
        NoteSigner s = NoteSigner.parse(PETER_SKEY);
        assertThat(s.name()).isEqualTo("PeterNeumann");
        assertThat(s.keyHash()).isEqualTo(0xc74f20a3);
        assertThat(s.verifierKey()).isEqualTo(PETER_VKEY);
    }

    @Test
    void cmdGoTestDatabaseKeysBelongTogether() throws Exception {
        NoteSigner s = NoteSigner.parse(
                "PRIVATE+KEY+localhost.localdev/sumdb+00000c67+AXu6+oaVaOYuQOFrf1V59JK1owcFlJcHwwXHDfDGxSPk");
        assertThat(s.verifierKey())
                .isEqualTo("localhost.localdev/sumdb+00000c67+AcTrnkbUA+TU4heY3hkjiSES/DSQniBqIeQ/YppAUtK6");
    }

    @Test
    void everyManglingOfASignerKeyIsRejected() {
        byte[] b = utf8(PETER_SKEY);
        for (int i = 0; i <= b.length; i++) {
            for (int j = i + 1; j <= b.length; j++) {
                if (i == 0 && j == b.length) {
                    continue;
                }
                String k = new String(b, i, j - i, StandardCharsets.ISO_8859_1);
                assertThatThrownBy(() -> NoteSigner.parse(k)).as(k).isInstanceOf(SumdbException.class);
            }
        }
        for (int i = 0; i < b.length; i++) {
            b[i]++;
            String k = new String(b, StandardCharsets.ISO_8859_1);
            assertThatThrownBy(() -> NoteSigner.parse(k)).as(k).isInstanceOf(SumdbException.class);
            b[i]--;
        }
    }

    @Test
    void generatedKeysSignAndVerify() throws Exception {
        NoteSigner.KeyPairText pair = NoteSigner.generate("EnochRoot");
        NoteSigner s = NoteSigner.parse(pair.signerKey());
        NoteVerifier v = NoteVerifier.parse(pair.verifierKey());
        assertThat(s.verifierKey()).isEqualTo(pair.verifierKey());
        assertThat(s.keyHash()).isEqualTo(v.keyHash());
        byte[] msg = utf8("hi");
        byte[] sig = s.sign(msg);
        assertThat(v.verify(msg, sig)).isTrue();
        sig[0]++;
        assertThat(v.verify(msg, sig)).isFalse();
        sig[0]--;
        msg[0]++;
        assertThat(v.verify(msg, sig)).isFalse();
    }

    @Test
    void signingIsDeterministicEd25519() throws Exception {
        NoteSigner s = NoteSigner.parse(PETER_SKEY);
        String want = TEXT + "\n" + PETER_SIG;
        assertThat(new String(Note.sign(Note.unsigned(TEXT), s), StandardCharsets.UTF_8)).isEqualTo(want);
        // An existing signature by the same key is replaced.
        Note withOld = new Note(TEXT, List.of(new Note.Signature("PeterNeumann", 0xc74f20a3, "BADSIGN=")), List.of());
        assertThat(new String(Note.sign(withOld, s), StandardCharsets.UTF_8)).isEqualTo(want);
    }

    @Test
    void signingRejectsBadInput() throws Exception {
        assertThatThrownBy(() -> Note.sign(Note.unsigned("abc"))).hasMessage("malformed note");
        assertThatThrownBy(() -> Note.sign(new Note(TEXT, List.of(new Note.Signature("a+b", 0, "ABCD")), List.of())))
                .hasMessage("malformed note");
        assertThatThrownBy(() -> Note.sign(new Note(TEXT,
                List.of(new Note.Signature("PeterNeumann", 0xc74f20a3, "BADHASH=")), List.of())))
                .hasMessage("malformed note");
    }

    @Test
    void openVerifiesKnownKeysAndKeepsOthersUnverified() throws Exception {
        NoteVerifier peter = NoteVerifier.parse(PETER_VKEY);
        NoteVerifier enoch = NoteVerifier.parse(ENOCH_VKEY);
        Note n = Note.open(utf8(TEXT + "\n" + PETER_SIG + ENOCH_SIG), List.of(peter));
        assertThat(n.text()).isEqualTo(TEXT);
        assertThat(n.sigs()).containsExactly(PETER);
        assertThat(n.unverifiedSigs()).containsExactly(ENOCH);

        n = Note.open(utf8(TEXT + "\n" + PETER_SIG + ENOCH_SIG), List.of(peter, enoch));
        assertThat(n.sigs()).containsExactly(PETER, ENOCH);
        assertThat(n.unverifiedSigs()).isEmpty();
    }

    @Test
    void noteWithoutAKnownSignatureIsUnverified() {
        assertThatThrownBy(() -> Note.open(utf8(TEXT + "\n" + PETER_SIG + ENOCH_SIG), List.of()))
                .isInstanceOfSatisfying(Note.UnverifiedNoteException.class, e -> {
                    assertThat(e).hasMessage("note has no verifiable signatures");
                    assertThat(e.note().sigs()).isEmpty();
                    assertThat(e.note().unverifiedSigs()).containsExactly(PETER, ENOCH);
                });
    }

    @Test
    void duplicateVerifierIsAmbiguousOnlyWhenUsed() throws Exception {
        NoteVerifier peter = NoteVerifier.parse(PETER_VKEY);
        NoteVerifier enoch = NoteVerifier.parse(ENOCH_VKEY);
        assertThatThrownBy(() -> Note.open(utf8(TEXT + "\n" + ENOCH_SIG), List.of(enoch, peter, enoch)))
                .hasMessage("ambiguous key EnochRoot+af0cfe78");
        assertThat(Note.open(utf8(TEXT + "\n" + PETER_SIG), List.of(enoch, peter, enoch)).sigs()).containsExactly(PETER);
    }

    @Test
    void tooManySignaturesAreMalformedEvenWhenRepeated() throws Exception {
        NoteVerifier peter = NoteVerifier.parse(PETER_VKEY);
        String many = TEXT + "\n" + PETER_SIG.repeat(101);
        assertThatThrownBy(() -> Note.open(utf8(many), List.of(peter))).hasMessage("malformed note");
        assertThatThrownBy(() -> Note.open(utf8(many), List.of())).hasMessage("malformed note");
        assertThat(Note.open(utf8(TEXT + "\n" + PETER_SIG.repeat(100)), List.of(peter)).sigs()).containsExactly(PETER);
    }

    @Test
    void alteredSignatureByAKnownKeyIsInvalid() throws Exception {
        NoteVerifier peter = NoteVerifier.parse(PETER_VKEY);
        String bad = insertAtByte(PETER_SIG, 60, "ABCD");
        assertThatThrownBy(() -> Note.open(utf8(TEXT + "\n" + bad), List.of(peter)))
                .hasMessage("invalid signature for key PeterNeumann+c74f20a3");
        // The same text with one changed letter no longer verifies either.
        assertThatThrownBy(() -> Note.open(utf8(TEXT.replace("answer", "Answer") + "\n" + PETER_SIG), List.of(peter)))
                .hasMessage("invalid signature for key PeterNeumann+c74f20a3");
    }

    @Test
    void repeatedSignaturesAreDropped() throws Exception {
        NoteVerifier peter = NoteVerifier.parse(PETER_VKEY);
        String enochAbcd = insertAtByte(ENOCH_SIG, 60, "ABCD");
        Note n = Note.open(utf8(TEXT + "\n" + PETER_SIG + PETER_SIG + ENOCH_SIG + ENOCH_SIG + enochAbcd), List.of(peter));
        assertThat(n.sigs()).containsExactly(PETER);
        assertThat(n.unverifiedSigs()).containsExactly(ENOCH, new Note.Signature("EnochRoot", 0xaf0cfe78,
                "rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5nABCD2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ="));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6})
    void malformedNotesAreRejected(int which) throws Exception {
        NoteVerifier peter = NoteVerifier.parse(PETER_VKEY);
        byte[][] bad = {
            utf8(TEXT),
            utf8(TEXT + "\n"),
            utf8(TEXT + "\n" + PETER_SIG.substring(0, PETER_SIG.length() - 1)),
            utf8("\u0001" + TEXT + "\n" + PETER_SIG),
            concat(new byte[] {(byte) 0xff}, utf8(TEXT + "\n" + PETER_SIG)),
            utf8(TEXT + "\n" + "— Bad Name " + PETER_B64),
            utf8(TEXT + "\n" + PETER_SIG + "Unexpected line.\n"),
        };
        assertThatThrownBy(() -> Note.open(bad[which], List.of(peter))).hasMessage("malformed note");
    }

    /// Go's `s[:i] + x + s[i:]` with i a byte offset (the em dash is 3 bytes in UTF-8).
    private static String insertAtByte(String s, int i, String x) {
        byte[] b = utf8(s);
        return new String(b, 0, i, StandardCharsets.UTF_8) + x + new String(b, i, b.length - i, StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
