package dev.gofetch.sumdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/// Vectors from golang.org/x/mod/sumdb/tlog (note_test.go, tlog_test.go) and GO-MODULES-REFERENCE §5.8.
class TlogTest {
    private static final String HELLO_WORLD = "TszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=";

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void recordHashIsSha256OfZeroByteAndData() {
        assertThat(Tlog.recordHash(utf8("hello world"))).hasToString(HELLO_WORLD);
    }

    @Test
    void emptyTreeHashesToSha256OfNothing() throws Exception {
        assertThat(Tlog.treeHash(0, indexes -> { throw new AssertionError("nothing to read"); }))
                .hasToString("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
    }

    @Test
    void treeNoteFormatsAndParses() throws Exception {
        String golden = "go.sum database tree\n123456789012\n" + HELLO_WORLD + "\n";
        Tree tree = new Tree(123456789012L, Tlog.recordHash(utf8("hello world")));
        assertThat(new String(tree.format(), StandardCharsets.UTF_8)).isEqualTo(golden);
        assertThat(Tree.parse(utf8(golden))).isEqualTo(tree);
        for (String junk : List.of("JOE", "JOE\n", "JOE\n".repeat(1000))) {
            assertThat(Tree.parse(utf8(golden + junk))).isEqualTo(tree);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not-go.sum database tree\n123456789012\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n",
        "go.sum database tree\n0xabcdef\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n",
        "go.sum database tree\n123456789012\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBTOOBIG=\n",
        "go.sum database tree\n0123\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n",
        "go.sum database tree\n-1\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n",
        "go.sum database tree\n12\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0\n",
        "go.sum database tree\n12\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=",
    })
    void malformedTreeNotesAreRejected(String text) {
        assertThatThrownBy(() -> Tree.parse(utf8(text))).hasMessage("malformed tree note");
    }

    @Test
    void recordFormatsWithIdAndBlankLine() throws Exception {
        assertThat(new String(new LogRecord(123456789012L, utf8("hello, world\n")).format(), StandardCharsets.UTF_8))
                .isEqualTo("123456789012\nhello, world\n\n");
        for (String bad : List.of("", "hello\nworld", "hello\n\nworld\n", "hello\u0001world\n")) {
            assertThatThrownBy(() -> new LogRecord(1, utf8(bad)).format()).hasMessage("malformed record data");
        }
    }

    @Test
    void recordParsesAndLeavesTheRest() throws Exception {
        byte[] in = concat(utf8("123456789012\nhello, world\n\njunk on end\u0001"), new byte[] {(byte) 0xff});
        LogRecord.Parsed p = LogRecord.parse(in);
        assertThat(p.record()).isEqualTo(new LogRecord(123456789012L, utf8("hello, world\n")));
        assertThat(p.rest()).isEqualTo(concat(utf8("junk on end\u0001"), new byte[] {(byte) 0xff}));
        assertThat(LogRecord.parse(utf8("123456789012\nhello, world\n\n")).rest()).isEmpty();
    }

    @Test
    void malformedRecordsAreRejected() {
        List<byte[]> bad = List.of(utf8("not-123456789012\nhello, world\n\n"), utf8("123\nhello\u0001world\n\n"),
                concat(utf8("123\nhello"), new byte[] {(byte) 0xff}, utf8("world\n\n")), utf8("123\nhello world\n"),
                utf8("0x123\nhello world\n\n"));
        for (byte[] b : bad) {
            assertThatThrownBy(() -> LogRecord.parse(b)).hasMessage("malformed record data");
        }
    }

    @ParameterizedTest
    @CsvSource({"0,0,0", "0,1,1", "1,0,2", "0,2,3", "0,3,4", "1,1,5", "2,0,6", "0,4,7", "0,255,502", "0,256,511",
        "8,0,510"})
    void storedHashIndexNumbersEveryCompleteSubtree(int level, long n, long index) {
        assertThat(Tlog.storedHashIndex(level, n)).isEqualTo(index);
        assertThat(Tlog.splitStoredHashIndex(index)).containsExactly(level, n);
    }

    @Test
    void splitIsTheInverseOfStoredHashIndexEverywhere() {
        for (long index = 0; index < 5000; index++) {
            long[] ln = Tlog.splitStoredHashIndex(index);
            assertThat(Tlog.storedHashIndex((int) ln[0], ln[1])).isEqualTo(index);
        }
    }

    @Test
    void storedHashCountGrowsByLeafAndCompletedSubtrees() {
        long[] want = {1, 3, 4, 7, 8, 10, 11, 15};
        for (int n = 1; n <= 8; n++) {
            assertThat(Tlog.storedHashCount(n)).as("n=%d", n).isEqualTo(want[n - 1]);
        }
    }

    @Test
    void treeHashesOfLeafRecordsMatchTheVectors() throws Exception {
        String[] want = {
            "G7l9zCFjXUfiZj79/QoXRobZjdcBNS3SzQbotD/T0wU=", "/F9riP+FVPdbsvnm85wxsZNtRLaSdu33sSBalVuXYeM=",
            "1Pksj7uJcg6ztVZ3x9fvrd/rENEaGoSguo8aIzN/qpU=", "T2MQhKFXxU9U/Psj/164ZQxLoWDClbsTqYMrEJ1SZ34=",
            "NBUVmC1lDiNSDb1U1/zwr6G3DMOhakEdRk3JwayWwwE=", "g2PDghzkHrtGIiEWpCzIPbp1OYSyPPyiaqrQpoZzNuo=",
            "WmH8K1T5z6cXdPJDIUPdQMbLKxGUf69lp9PaXLZRmcg=", "xcLIIO00L92ozolra5z1uMAKIcxLIHFMxuXTwFw1JAs=",
        };
        MemoryLog log = new MemoryLog(8);
        for (int i = 0; i < want.length; i++) {
            log.add(MemoryLog.leaf(i));
            assertThat(log.tree().hash()).as("N=%d", i + 1).hasToString(want[i]);
            assertThat((long) log.hashes.size()).isEqualTo(Tlog.storedHashCount(i + 1));
        }
    }

    @Test
    void treeHashEqualsTheRecursiveRfc6962Definition() throws Exception {
        MemoryLog log = new MemoryLog(8);
        List<byte[]> data = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            data.add(MemoryLog.leaf(i));
            log.add(MemoryLog.leaf(i));
            assertThat(log.tree().hash()).isEqualTo(rfc6962(data, 0, data.size()));
        }
    }

    private static Hash rfc6962(List<byte[]> leaves, int lo, int hi) {
        if (hi - lo == 1) {
            return Tlog.recordHash(leaves.get(lo));
        }
        int k = 1;
        while (k * 2 < hi - lo) {
            k *= 2;
        }
        return Tlog.nodeHash(rfc6962(leaves, lo, lo + k), rfc6962(leaves, lo + k, hi));
    }

    @Test
    void recordAndTreeProofsMatchTheVectors() throws Exception {
        MemoryLog log = MemoryLog.leaves(8, 7);
        List<Hash> record = Tlog.proveRecord(7, 3, log);
        assertThat(record).extracting(Hash::toString).containsExactly(
                "qze6NNHf4pAV3nF6bVdkqPsCnDp6D1tkuTtUNRiFv3w=", "/F9riP+FVPdbsvnm85wxsZNtRLaSdu33sSBalVuXYeM=",
                "AVcbVXvHBnJlDUZ8e62DN+CafzVKcgUfI7Q6eCwPSOY=");
        List<Hash> tree = Tlog.proveTree(7, 3, log);
        assertThat(tree).extracting(Hash::toString).containsExactly(
                "qze6NNHf4pAV3nF6bVdkqPsCnDp6D1tkuTtUNRiFv3w=", "WL0UluFoSqySAcLmh+565PUclqiw2B7zWDYouT0800U=",
                "/F9riP+FVPdbsvnm85wxsZNtRLaSdu33sSBalVuXYeM=", "AVcbVXvHBnJlDUZ8e62DN+CafzVKcgUfI7Q6eCwPSOY=");
    }

    @Test
    void everyRecordAndTreeProofChecksAndAnyAlteredProofFails() throws Exception {
        MemoryLog log = new MemoryLog(8);
        List<Tree> trees = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            log.add(MemoryLog.leaf(i));
            trees.add(log.tree());
        }
        Hash zero = Hash.of(new byte[32]);
        for (long size = 1; size <= 40; size++) {
            long t = size;
            Tree tree = trees.get((int) t - 1);
            for (long index = 0; index < t; index++) {
                long n = index;
                Hash leaf = Tlog.recordHash(MemoryLog.leaf(n));
                List<Hash> p = Tlog.proveRecord(t, n, log);
                Tlog.checkRecord(p, t, tree.hash(), n, leaf);
                assertThatThrownBy(() -> Tlog.checkRecord(p, t, tree.hash(), n, zero))
                        .hasMessage("invalid transparency proof");
                for (int i = 0; i < p.size(); i++) {
                    List<Hash> bad = new ArrayList<>(p);
                    bad.set(i, zero);
                    assertThatThrownBy(() -> Tlog.checkRecord(bad, t, tree.hash(), n, leaf))
                            .hasMessage("invalid transparency proof");
                }
                if (n >= 1) {
                    Tree old = trees.get((int) n - 1);
                    List<Hash> tp = Tlog.proveTree(t, n, log);
                    Tlog.checkTree(tp, t, tree.hash(), n, old.hash());
                    assertThatThrownBy(() -> Tlog.checkTree(tp, t, tree.hash(), n, zero))
                            .hasMessage("invalid transparency proof");
                    List<Hash> longer = new ArrayList<>(tp);
                    longer.add(zero);
                    assertThatThrownBy(() -> Tlog.checkTree(longer, t, tree.hash(), n, old.hash()))
                            .hasMessage("invalid transparency proof");
                }
            }
        }
    }

    private static byte[] concat(byte[]... parts) {
        int len = 0;
        for (byte[] p : parts) {
            len += p.length;
        }
        byte[] out = new byte[len];
        int i = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, i, p.length);
            i += p.length;
        }
        return out;
    }
}
