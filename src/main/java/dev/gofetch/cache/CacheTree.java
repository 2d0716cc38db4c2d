package dev.gofetch.cache;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/// Permission handling for extracted module trees, which cmd/go leaves with read-only directories.
/// Nothing here follows a symbolic link: a link is removed, never what it points to.
public final class CacheTree {
    private static final Set<PosixFilePermission> WRITE = EnumSet.of(
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

    private CacheTree() {}

    /// cmd/go's `makeDirsReadOnly`: clears the write bits of every directory under (and including)
    /// dir, children before parents. Files keep their mode (the unzipper creates them 0444).
    /// Best effort, like the go command.
    public static void makeDirsReadOnly(Path dir) {
        List<Path> dirs = new ArrayList<>();
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    dirs.add(d);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            return;
        }
        for (int i = dirs.size() - 1; i >= 0; i--) {
            clearWriteBits(dirs.get(i));
        }
    }

    /// cmd/go's `modfetch.RemoveAll`: makes every directory writable (0777), then deletes the tree.
    /// A missing path is not an error. Deletion goes on past failures; the first one is thrown.
    public static void removeAll(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        IOException[] first = new IOException[1];
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                setMode0777(d);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                // Unreadable directory or vanished entry: still try to unlink it.
                delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) {
                delete(d);
                return FileVisitResult.CONTINUE;
            }

            private void delete(Path p) {
                try {
                    Files.deleteIfExists(p);
                } catch (AccessDeniedException e) {
                    // Windows refuses to delete read-only files; clear the attribute and retry.
                    if (!p.toFile().setWritable(true) || !p.toFile().delete()) {
                        remember(e);
                    }
                } catch (IOException e) {
                    remember(e);
                }
            }

            private void remember(IOException e) {
                if (first[0] == null) {
                    first[0] = e;
                }
            }
        });
        if (first[0] != null) {
            throw first[0];
        }
    }

    /// Makes the directories under dir writable again (0777 as cmd/go does), e.g. after -modcacherw was off.
    public static void makeDirsWritable(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                setMode0777(d);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /// Total size in bytes of the regular files under path (links not followed, counted as their own size).
    static long size(Path path) {
        long[] total = new long[1];
        try {
            Files.walkFileTree(path, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    total[0] += attrs.size();
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | SecurityException e) {
            // a concurrent removal: report what was seen
        }
        return total[0];
    }

    private static void setMode0777(Path dir) {
        // The walk reported dir as a directory, not a link, so the path-based chmod(2) is safe.
        PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
        try {
            if (view != null) {
                view.setPermissions(EnumSet.allOf(PosixFilePermission.class));
            } else {
                dir.toFile().setWritable(true, false);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // best effort, like os.Chmod in cmd/go's RemoveAll
        }
    }

    private static void clearWriteBits(Path dir) {
        PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
        try {
            if (view != null) {
                Set<PosixFilePermission> perms = view.readAttributes().permissions();
                if (perms.removeAll(WRITE)) {
                    view.setPermissions(perms);
                }
            } else {
                dir.toFile().setWritable(false, false);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // best effort, like cmd/go
        }
    }
}
