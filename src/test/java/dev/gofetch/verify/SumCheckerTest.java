package dev.gofetch.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gofetch.module.GoSum;
import dev.gofetch.module.ModuleVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/// `checkModSum`: go.sum first; the checksum database only for hashes go.sum lacks, and only for paths
/// it covers; what the database accepted is recorded for go.sum.
class SumCheckerTest {
    static final ModuleVersion A = new ModuleVersion("example.com/a", "v1.0.0");
    static final ModuleVersion A_MOD = new ModuleVersion("example.com/a", "v1.0.0/go.mod");
    static final ModuleVersion P = new ModuleVersion("private.example/p", "v1.0.0");
    static final String H1 = "h1:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa=";
    static final String H2 = "h1:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb=";

    /// A database that knows A's zip hash is H1 and records what it was asked.
    static final class FakeDatabase implements SumChecker.Database {
        final List<String> asked = new ArrayList<>();

        @Override
        public boolean uses(String path) {
            return !path.startsWith("private.example/");
        }

        @Override
        public void verify(ModuleVersion key, String hash, String mirror) throws IOException {
            asked.add(key.path() + " " + key.version() + " " + hash);
            if (!hash.equals(H1)) {
                throw new IOException("verifying module: checksum mismatch (served by " + mirror + ")");
            }
        }
    }

    static GoSum goSum(String text) {
        return GoSum.parse("go.sum", text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void hashInGoSumNeedsNoDatabase() throws IOException {
        FakeDatabase db = new FakeDatabase();
        SumChecker c = new SumChecker(goSum("example.com/a v1.0.0 " + H2 + "\n"), "go.sum", db);
        c.check(A, H2, "mirror");
        assertThat(db.asked).isEmpty();
        assertThat(c.added()).isEmpty();
    }

    @Test
    void goSumMismatchIsFatalBeforeTheDatabaseIsAsked() {
        FakeDatabase db = new FakeDatabase();
        SumChecker c = new SumChecker(goSum("example.com/a v1.0.0 " + H2 + "\n"), "go.sum", db);
        assertThatThrownBy(() -> c.check(A, H1, "mirror")).isInstanceOf(ChecksumMismatchException.class);
        assertThat(db.asked).isEmpty();
    }

    @Test
    void missingHashIsCheckedByTheDatabaseThenRecordedOnce() throws IOException {
        FakeDatabase db = new FakeDatabase();
        SumChecker c = new SumChecker(GoSum.empty(), "go.sum", db);
        c.check(A, H1, "mirror");
        c.check(A, H1, "");
        assertThat(db.asked).containsExactly("example.com/a v1.0.0 " + H1);
        assertThat(c.added()).isEqualTo(Map.of(A, H1));
        assertThat(c.have(A)).isTrue();
        assertThat(c.recorded(A)).isFalse();
    }

    @Test
    void hashTheDatabaseRejectsIsNeitherAcceptedNorRecorded() {
        FakeDatabase db = new FakeDatabase();
        SumChecker c = new SumChecker(GoSum.empty(), "go.sum", db);
        assertThatThrownBy(() -> c.check(A_MOD, H2, "http://mirror/"))
                .isNotInstanceOf(ChecksumMismatchException.class)
                .hasMessage("verifying module: checksum mismatch (served by http://mirror/)");
        assertThat(c.added()).isEmpty();
    }

    @Test
    void laterDifferentHashForAnAcceptedKeyIsAGoSumMismatch() throws IOException {
        FakeDatabase db = new FakeDatabase();
        SumChecker c = new SumChecker(GoSum.empty(), "go.sum", db);
        c.check(A, H1, "");
        assertThatThrownBy(() -> c.check(A, H2, "other"))
                .isInstanceOf(ChecksumMismatchException.class)
                .hasMessageStartingWith("verifying example.com/a@v1.0.0: checksum mismatch\n\tdownloaded: " + H2
                        + "\n\tgo.sum:     " + H1);
        assertThat(db.asked).hasSize(1);
    }

    @Test
    void pathsTheDatabaseDoesNotCoverAreTrustedOnFirstUse() throws IOException {
        FakeDatabase db = new FakeDatabase();
        SumChecker c = new SumChecker(GoSum.empty(), "go.sum", db);
        c.check(P, H2, "mirror");
        assertThat(db.asked).isEmpty();
        assertThat(c.added()).isEqualTo(Map.of(P, H2));
    }

    @Test
    void outsideAModuleTheDatabaseIsStillConsulted() throws IOException {
        FakeDatabase db = new FakeDatabase();
        SumChecker c = SumChecker.outsideModule(db);
        c.check(A, H1, "");
        assertThatThrownBy(() -> c.check(A, H2, "")).hasMessageStartingWith("verifying module: checksum mismatch");
        assertThat(db.asked).hasSize(2);
        assertThat(c.added()).isEmpty();
        SumChecker.none().check(A, H2, ""); // no database at all: anything goes
    }
}
