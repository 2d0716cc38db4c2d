package dev.gofetch.sumdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gofetch.proxy.FetchException;
import dev.gofetch.proxy.Transport;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/// The test server's own endpoints, read the way an auditor would: the signed head, hash tiles that fold
/// to it, and data tiles whose records hash to the level-0 tile.
class TestServerTest {
    final Transport http = Transport.createDefault();

    byte[] get(TestServer s, String path) throws Exception {
        return http.get(URI.create(s.baseUri() + path)).readAll();
    }

    @Test
    void dataTilesHoldTheRecordsTheHashTilesCommitTo() throws Exception {
        try (TestServer s = TestServer.builder("sum.lab.test", ChecksumDatabaseTest.fakeModules()).start()) {
            for (int i = 0; i < 300; i++) {
                s.add("example.com/m" + i, "v1.0.0");
            }
            Tree tree = Tree.parse(Note.open(get(s, "/latest"), List.of(NoteVerifier.parse(s.verifierKey())))
                    .text().getBytes(StandardCharsets.UTF_8));
            assertThat(tree.n()).isEqualTo(300);

            byte[] hashes = get(s, "/tile/8/0/001.p/44");
            String data = new String(get(s, "/tile/8/data/001.p/44"), StandardCharsets.UTF_8);
            List<String> records = new ArrayList<>(List.of(data.split("\n\n", -1)));
            assertThat(records.remove(records.size() - 1)).isEmpty();
            assertThat(records).hasSize(44);
            for (int i = 0; i < 44; i++) {
                assertThat(records.get(i)).startsWith("example.com/m" + (256 + i) + " v1.0.0 h1:");
                assertThat(Tlog.recordHash((records.get(i) + "\n").getBytes(StandardCharsets.UTF_8)))
                        .isEqualTo(Hash.of(hashes, i * 32));
            }

            // The level-1 tile and the partial level-0 tile fold to the signed root.
            byte[] level1 = get(s, "/tile/8/1/000.p/1");
            Hash left = Tile.tileHash(get(s, "/tile/8/0/000"), 0, 256 * 32);
            assertThat(Hash.of(level1, 0)).isEqualTo(left);
            MemoryLog check = new MemoryLog(8);
            for (int i = 0; i < 300; i++) {
                check.add(s.recordText("example.com/m" + i, "v1.0.0"));
            }
            assertThat(check.tree()).isEqualTo(tree);
        }
    }

    @Test
    void answersWhatTheGoServerAnswersForBadRequests() throws Exception {
        try (TestServer s = TestServer.builder("sum.lab.test", ChecksumDatabaseTest.fakeModules()).start()) {
            s.add("example.com/m0", "v1.0.0");
            assertThatThrownBy(() -> get(s, "/lookup/example.com/m0@latest"))
                    .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.status()).isEqualTo(400));
            assertThatThrownBy(() -> get(s, "/tile/8/0/001"))
                    .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.isNotFound()).isTrue());
            assertThatThrownBy(() -> get(s, "/tile/8/0/000.p/2"))
                    .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.isNotFound()).isTrue());
            assertThatThrownBy(() -> get(s, "/tile/8/0/1"))
                    .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.status()).isEqualTo(400));
            assertThatThrownBy(() -> get(s, "/lookup/other.org/x@v1.0.0"))
                    .hasMessageEndingWith("404 Not Found\n\tserver response: not found: other.org/x@v1.0.0");
            assertThat(get(s, "/tile/8/0/000.p/1")).hasSize(32);
            // Without an upstream, module requests are not found; the proxied database answers.
            assertThatThrownBy(() -> get(s, "/example.com/m0/@v/list"))
                    .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.isNotFound()).isTrue());
            assertThat(get(s, "/sumdb/sum.lab.test/supported")).isEmpty();
            assertThat(get(s, "/sumdb/sum.lab.test/latest")).isEqualTo(s.signedTree());
            assertThat(s.requests()).extracting(TestServer.Request::status)
                    .containsExactly(400, 404, 404, 400, 404, 200, 404, 200, 200);
        }
    }
}
