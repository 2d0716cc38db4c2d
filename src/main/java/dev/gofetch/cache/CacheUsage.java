package dev.gofetch.cache;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/// Disk usage of a module cache, per module version, for the cache browser.
/// @param versions   every version with cached files, ordered by path then semver
/// @param otherBytes bytes not attributable to a version: `list` files, checksum-database tiles,
///                   VCS clones, leftovers with names the go command would not produce
public record CacheUsage(List<VersionUsage> versions, long otherBytes) {

    public CacheUsage {
        versions = List.copyOf(versions);
    }

    /// @param downloadBytes  `.info`, `.mod`, `.zip`, `.ziphash` and in-flight temporary files under `cache/download`
    /// @param extractedBytes the files of the extracted tree (0 if not extracted)
    /// @param extracted      whether an extracted directory exists (complete or not)
    public record VersionUsage(String path, String version, long downloadBytes, long extractedBytes, boolean extracted) {
        public long totalBytes() {
            return downloadBytes + extractedBytes;
        }
    }

    public long totalBytes() {
        long total = otherBytes;
        for (VersionUsage v : versions) {
            total += v.totalBytes();
        }
        return total;
    }

    /// Bytes per module path, in path order.
    public Map<String, Long> bytesByModule() {
        Map<String, Long> byModule = new LinkedHashMap<>();
        for (VersionUsage v : versions) {
            byModule.merge(v.path(), v.totalBytes(), Long::sum);
        }
        return byModule;
    }
}
