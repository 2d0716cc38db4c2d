package dev.gofetch.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    static final Journal.State STATE = new Journal.State("m@v1.0.0.zip", 1000, "\"abc\"", "",
            "https://proxy.golang.org/m/@v/v1.0.0.zip", List.of(new ByteRange(0, 100), new ByteRange(200, 1000)));

    @Test
    void roundTrips(@TempDir Path dir) throws Exception {
        Path journal = dir.resolve("j");
        Path scratch = dir.resolve("j.new");
        Journal.writeScratch(scratch, STATE);
        Journal.publish(scratch, journal);

        assertThat(Journal.read(journal)).isEqualTo(STATE);
        assertThat(scratch).doesNotExist();
        assertThat(Journal.read(dir.resolve("absent"))).isNull();
    }

    @Test
    void everySingleBitFlipIsDetected() {
        byte[] good = Journal.encode(STATE);
        for (int i = 0; i < good.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] bad = good.clone();
                bad[i] ^= (byte) (1 << bit);
                assertThatThrownBy(() -> Journal.decode(bad)).isInstanceOf(Journal.Unusable.class);
            }
        }
    }

    @Test
    void everyTruncationIsDetected() {
        byte[] good = Journal.encode(STATE);
        for (int n = 0; n < good.length; n++) {
            byte[] cut = Arrays.copyOf(good, n);
            assertThatThrownBy(() -> Journal.decode(cut)).isInstanceOf(Journal.Unusable.class);
        }
    }

    @Test
    void foreignFilesAndOtherVersionsAreRefused() {
        assertThatThrownBy(() -> Journal.decode("{\"not\":\"a journal\"}".getBytes()))
                .hasMessage("not a gofetch journal");
        byte[] v2 = Journal.encode(STATE);
        ByteBuffer.wrap(v2).putInt(Journal.MAGIC.length, 2);
        assertThatThrownBy(() -> Journal.decode(v2)).hasMessage("journal version 2 is not supported");
    }

    @Test
    void wellSealedButImpossibleIntervalsAreRefused() {
        Journal.State outOfBounds = new Journal.State("f", 100, "", "", "", List.of(new ByteRange(50, 150)));
        assertThatThrownBy(() -> Journal.decode(Journal.encode(outOfBounds)))
                .hasMessage("journal intervals are out of order or out of bounds");
        Journal.State overlapping = new Journal.State("f", 100, "", "", "",
                List.of(new ByteRange(0, 50), new ByteRange(40, 60)));
        assertThatThrownBy(() -> Journal.decode(Journal.encode(overlapping)))
                .hasMessage("journal intervals are out of order or out of bounds");
    }

    @Test
    void layoutIsMagicVersionLengthPayloadCrc() {
        byte[] b = Journal.encode(STATE);
        assertThat(new String(b, 0, 8)).isEqualTo("GOFETCHJ");
        ByteBuffer buf = ByteBuffer.wrap(b);
        assertThat(buf.getInt(8)).isEqualTo(1);
        int len = buf.getInt(12);
        assertThat(b.length).isEqualTo(8 + 8 + len + 4);
        CRC32 crc = new CRC32();
        crc.update(b, 8, 8 + len);
        assertThat(buf.getInt(16 + len)).isEqualTo((int) crc.getValue());
    }

    @Test
    void scratchFileIsNotNamedLikeTheGoCommandsTempFiles(@TempDir Path dir) {
        DownloadRequest r = DownloadRequest.of(dir.resolve("v1.0.0.zip"), Candidate.of("https://example.com/v1.0.0.zip"));
        for (Path p : List.of(r.dataFile(), r.journalFile(), r.journalScratchFile())) {
            // cmd/go removes <v>.zip*.tmp beside a zip it is about to write
            assertThat(p.getFileName().toString()).startsWith("v1.0.0.zip").doesNotEndWith(".tmp");
        }
        assertThat(Files.exists(dir.resolve("v1.0.0.zip.gofetch"))).isFalse();
    }
}
