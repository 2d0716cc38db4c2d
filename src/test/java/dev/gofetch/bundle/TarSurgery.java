package dev.gofetch.bundle;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/// Takes a bundle apart and puts it back together with changes, to make damaged and hostile bundles.
/// Writes any entry type (links, directories, names with `..`), which gofetch itself never writes.
final class TarSurgery {
    record Item(String name, char type, byte[] content, String link) {
        static Item file(String name, byte[] content) {
            return new Item(name, '0', content, "");
        }

        static Item file(String name, String content) {
            return file(name, content.getBytes(StandardCharsets.UTF_8));
        }
    }

    private TarSurgery() {}

    static List<Item> read(Path tar) throws IOException {
        List<Item> items = new ArrayList<>();
        try (InputStream in = Files.newInputStream(tar)) {
            TarReader r = new TarReader(in);
            for (TarReader.Entry e; (e = r.next()) != null; ) {
                items.add(new Item(e.name(), e.type(), r.content().readAllBytes(), e.linkName()));
            }
        }
        return items;
    }

    /// The files by name, in archive order.
    static Map<String, byte[]> files(List<Item> items) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        items.forEach(i -> m.put(i.name(), i.content()));
        return m;
    }

    /// Rewrites `SHA256SUMS` to match the other files, so that only the deeper checks can object.
    static List<Item> resum(List<Item> items) {
        Map<String, String> sums = new java.util.TreeMap<>();
        for (Item i : items) {
            if (!i.name().equals(Layout.SUMS) && (i.type() == '0')) {
                sums.put(i.name(), Derived.sha256Hex(i.content()));
            }
        }
        List<Item> out = new ArrayList<>();
        for (Item i : items) {
            out.add(i.name().equals(Layout.SUMS) ? Item.file(Layout.SUMS, Derived.sha256sums(sums)) : i);
        }
        return out;
    }

    static void write(Path tar, List<Item> items) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tar))) {
            for (Item i : items) {
                byte[] content = i.type() == '0' ? i.content() : new byte[0];
                String name = i.name();
                if (name.getBytes(StandardCharsets.UTF_8).length > 100) {
                    byte[] pax = TarWriter.paxRecord("path", name);
                    out.write(header("PaxHeaders/x", 'x', pax.length, ""));
                    out.write(pax);
                    out.write(new byte[(512 - pax.length % 512) % 512]);
                    name = name.substring(0, 100);
                }
                out.write(header(name, i.type(), content.length, i.link()));
                out.write(content);
                out.write(new byte[(512 - content.length % 512) % 512]);
            }
            out.write(new byte[1024]);
        }
    }

    /// A ustar header; names must fit in 100 bytes (tests use short ones).
    static byte[] header(String name, char type, long size, String link) {
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 100, type == '5' ? "0000755" : "0000644");
        put(h, 108, "0000000");
        put(h, 116, "0000000");
        put(h, 124, String.format("%011o", size));
        put(h, 136, String.format("%011o", 0));
        java.util.Arrays.fill(h, 148, 156, (byte) ' ');
        h[156] = (byte) type;
        put(h, 157, link);
        put(h, 257, "ustar");
        put(h, 263, "00");
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xFF;
        }
        put(h, 148, String.format("%06o", sum));
        h[154] = 0;
        h[155] = ' ';
        return h;
    }

    private static void put(byte[] h, int off, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, h, off, b.length);
    }
}
