package dev.gofetch.lab;

/// The knobs of a generated module universe ({@link UniverseGenerator}). Probabilities are in
/// [0, 1]; 0 turns a feature off. The same spec (seed included) always yields the same bytes.
///
/// @param seed                  the only source of randomness
/// @param modulePaths           number of module paths in the proxy
/// @param versionsPerPath       average number of versions per path (each path gets 1 to 2×avg−1)
/// @param mainModules           number of main-module directories
/// @param requirementsPerModule dependency density: average number of `require` lines per go.mod
/// @param uppercase             per path: upper-case letters in an element (exercises case encoding);
///                              per prerelease: an upper-case prerelease such as `-RC1`
/// @param majorPaths            per path: a `/v2`…`/v5` path (often next to its un-suffixed sibling)
/// @param gopkgIn               per path: a `gopkg.in/name.vN` path
/// @param prereleases           per release: a prerelease (`-rc.1`, `-beta.2`, …) published before it
/// @param pseudoVersions        per version: a pseudo-version published after it (and required by others);
///                              also the share of paths with no tag at all
/// @param incompatible          per plain path: later versions are `vN.x.y+incompatible` without go.mod
/// @param cycles                per requirement A@x → B@y: some version of B requires A back
/// @param missingGoLine         per go.mod: no `go` line
/// @param toolchainLines        per go.mod with `go` ≥ 1.21: a `toolchain` line
/// @param indirect              per requirement: a `// indirect` marker
/// @param ghostRequirements     per requirement: a version that no proxy serves (the go command then
///                              fails unless graph pruning keeps that go.mod unread — for error paths)
/// @param retractions           per go.mod: a `retract` of an earlier version or interval
/// @param excludes              per main module: `exclude` lines on versions some go.mod requires
/// @param replaces              per main module: `replace` lines to another module@version
///                              (path-wide and version-specific)
/// @param localReplaces         per main module: a `replace` with a `./local/x` directory it gets
/// @param zipSizes              extra payload per zip
public record UniverseSpec(
        long seed,
        int modulePaths,
        int versionsPerPath,
        int mainModules,
        double requirementsPerModule,
        double uppercase,
        double majorPaths,
        double gopkgIn,
        double prereleases,
        double pseudoVersions,
        double incompatible,
        double cycles,
        double missingGoLine,
        double toolchainLines,
        double indirect,
        double ghostRequirements,
        double retractions,
        double excludes,
        double replaces,
        double localReplaces,
        ZipSizes zipSizes) {

    public UniverseSpec {
        if (modulePaths < 1 || versionsPerPath < 1 || mainModules < 0 || requirementsPerModule < 0) {
            throw new IllegalArgumentException("sizes must be positive");
        }
        for (double p : new double[] {uppercase, majorPaths, gopkgIn, prereleases, pseudoVersions, incompatible,
                cycles, missingGoLine, toolchainLines, indirect, ghostRequirements, retractions, excludes, replaces,
                localReplaces}) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("probability out of [0, 1]: " + p);
            }
        }
        if (zipSizes == null) {
            throw new IllegalArgumentException("zipSizes");
        }
    }

    /// Every feature on at a moderate rate, tiny zips, about 150 versions: the default for tests.
    public static Builder builder() {
        return new Builder();
    }

    /// About 2,000 versions over 80 paths with every feature on; `zipSizes` decides the bytes.
    public static UniverseSpec benchmark(long seed, ZipSizes zipSizes) {
        return builder().seed(seed).modulePaths(80).versionsPerPath(25).mainModules(4)
                .requirementsPerModule(3).zipSizes(zipSizes).build();
    }

    /// How big the zips get: each version's zip carries one pseudo-random `payload.bin` whose size is
    /// drawn from three bands. {@link #TINY} adds nothing.
    ///
    /// @param mediumShare fraction of zips with a payload in [mediumMin, mediumMax)
    /// @param bigShare    fraction of zips with a payload in [bigMin, bigMax); the rest get [0, smallMax)
    public record ZipSizes(long smallMax, double mediumShare, long mediumMin, long mediumMax,
                           double bigShare, long bigMin, long bigMax) {
        public static final ZipSizes TINY = new ZipSizes(0, 0, 0, 0, 0, 0, 0);

        public ZipSizes {
            if (smallMax < 0 || mediumMin < 0 || mediumMax < mediumMin || bigMin < 0 || bigMax < bigMin
                    || mediumShare < 0 || bigShare < 0 || mediumShare + bigShare > 1) {
                throw new IllegalArgumentException("bad zip size bands");
            }
        }

        /// Most zips a few KiB, one in twenty 256 KiB–2 MiB, one in two hundred 10–40 MiB
        /// (about 350 MiB over the 2,000 versions of {@link UniverseSpec#benchmark}).
        public static ZipSizes realistic() {
            return new ZipSizes(16 << 10, 0.05, 256 << 10, 2 << 20, 0.005, 10 << 20, 40 << 20);
        }
    }

    public static final class Builder {
        private long seed = 1;
        private int modulePaths = 24;
        private int versionsPerPath = 6;
        private int mainModules = 3;
        private double requirementsPerModule = 2;
        private double uppercase = 0.2;
        private double majorPaths = 0.2;
        private double gopkgIn = 0.1;
        private double prereleases = 0.15;
        private double pseudoVersions = 0.1;
        private double incompatible = 0.2;
        private double cycles = 0.1;
        private double missingGoLine = 0.1;
        private double toolchainLines = 0.3;
        private double indirect = 0.2;
        private double ghostRequirements = 0;
        private double retractions = 0.1;
        private double excludes = 0.5;
        private double replaces = 0.5;
        private double localReplaces = 0.5;
        private ZipSizes zipSizes = ZipSizes.TINY;

        private Builder() {}

        /// Turns every optional feature off (plain paths, tagged releases, no directives beyond require).
        public Builder plain() {
            uppercase = majorPaths = gopkgIn = prereleases = pseudoVersions = incompatible = cycles = 0;
            missingGoLine = toolchainLines = indirect = ghostRequirements = retractions = 0;
            excludes = replaces = localReplaces = 0;
            return this;
        }

        public Builder seed(long v) { seed = v; return this; }
        public Builder modulePaths(int v) { modulePaths = v; return this; }
        public Builder versionsPerPath(int v) { versionsPerPath = v; return this; }
        public Builder mainModules(int v) { mainModules = v; return this; }
        public Builder requirementsPerModule(double v) { requirementsPerModule = v; return this; }
        public Builder uppercase(double v) { uppercase = v; return this; }
        public Builder majorPaths(double v) { majorPaths = v; return this; }
        public Builder gopkgIn(double v) { gopkgIn = v; return this; }
        public Builder prereleases(double v) { prereleases = v; return this; }
        public Builder pseudoVersions(double v) { pseudoVersions = v; return this; }
        public Builder incompatible(double v) { incompatible = v; return this; }
        public Builder cycles(double v) { cycles = v; return this; }
        public Builder missingGoLine(double v) { missingGoLine = v; return this; }
        public Builder toolchainLines(double v) { toolchainLines = v; return this; }
        public Builder indirect(double v) { indirect = v; return this; }
        public Builder ghostRequirements(double v) { ghostRequirements = v; return this; }
        public Builder retractions(double v) { retractions = v; return this; }
        public Builder excludes(double v) { excludes = v; return this; }
        public Builder replaces(double v) { replaces = v; return this; }
        public Builder localReplaces(double v) { localReplaces = v; return this; }
        public Builder zipSizes(ZipSizes v) { zipSizes = v; return this; }

        public UniverseSpec build() {
            return new UniverseSpec(seed, modulePaths, versionsPerPath, mainModules, requirementsPerModule,
                    uppercase, majorPaths, gopkgIn, prereleases, pseudoVersions, incompatible, cycles,
                    missingGoLine, toolchainLines, indirect, ghostRequirements, retractions, excludes, replaces,
                    localReplaces, zipSizes);
        }
    }
}
