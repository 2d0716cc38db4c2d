package dev.gofetch.engine;

import dev.gofetch.module.RevInfo;

/// What `go mod download -json` reports for one module: paths in the module cache, hashes, and the
/// error if it failed (fields filled up to the failing step, as the go command does).
public record DownloadResult(String path, String version, String query, String error, String info, String goMod,
        String zip, String dir, String sum, String goModSum, RevInfo.Origin origin, boolean fromCache) {

    public boolean failed() {
        return !error.isEmpty();
    }

    static Builder builder(String path, String version) {
        return new Builder(path, version);
    }

    static final class Builder {
        private final String path;
        private final String version;
        String query = "";
        String error = "";
        String info = "";
        String goMod = "";
        String zip = "";
        String dir = "";
        String sum = "";
        String goModSum = "";
        RevInfo.Origin origin;
        boolean fromCache = true;

        Builder(String path, String version) {
            this.path = path;
            this.version = version;
        }

        DownloadResult build() {
            return new DownloadResult(path, version, query, error, info, goMod, zip, dir, sum, goModSum, origin,
                    fromCache);
        }
    }
}
