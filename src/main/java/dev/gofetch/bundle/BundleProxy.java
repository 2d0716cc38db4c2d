package dev.gofetch.bundle;

import dev.gofetch.lab.LabServer;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/// A verified bundle's `proxy/` tree served straight from the archive (each file is one byte range of
/// the tar), for {@link LabServer}: `GET /<escaped path>/@v/<version>.zip` reads that range, ranged
/// requests included. One shared channel, read with positional reads from any number of threads.
public final class BundleProxy implements LabServer.Source, Closeable {
    private final Bundle bundle;
    private final FileChannel channel;
    private final Instant modified;

    public BundleProxy(Bundle bundle) throws IOException {
        this.bundle = bundle;
        this.channel = FileChannel.open(bundle.file(), StandardOpenOption.READ);
        this.modified = Files.getLastModifiedTime(bundle.file()).toInstant();
    }

    @Override
    public LabServer.Blob open(String path) {
        Bundle.Region region = bundle.region(Layout.PROXY + path.substring(1));
        if (region == null) {
            return null;
        }
        return new LabServer.Blob() {
            @Override
            public long length() {
                return region.size();
            }

            @Override
            public Instant modified() {
                return modified;
            }

            @Override
            public int read(ByteBuffer dst, long position) throws IOException {
                long left = region.size() - position;
                if (left <= 0) {
                    return -1;
                }
                if (dst.remaining() > left) {
                    dst.limit(dst.position() + (int) left);
                }
                return channel.read(dst, region.offset() + position);
            }

            @Override
            public void close() {
                // the channel is shared; closed with the proxy
            }
        };
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
