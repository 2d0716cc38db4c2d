package dev.gofetch.vcs;

import dev.gofetch.module.GoMod;
import dev.gofetch.module.GoVersion;
import dev.gofetch.module.ModulePath;
import dev.gofetch.module.PseudoVersion;
import dev.gofetch.module.RevInfo;
import dev.gofetch.module.RevInfo.Origin;
import dev.gofetch.module.Semver;
import dev.gofetch.proxy.ModuleFetchException;
import dev.gofetch.verify.ModuleZip;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/// One module in a git repository, as cmd/go's `modfetch.codeRepo` sees it: which tags are its
/// versions (a tag prefix for a module in a subdirectory, the major version of the path, `+incompatible`
/// for v2+ tags of a module without go.mod), pseudo-versions for other commits, its go.mod (made up
/// for a repository without one) and its zip.
final class CodeRepo {
    private final String modPath;
    private final GitRepo code;
    private final String codeRoot;
    private final String codeDir;
    private final String pathMajor;
    private final String pathPrefix;
    private final String pseudoMajor;
    private final String localGoVersion;

    CodeRepo(GitRepo code, String codeRoot, String subdir, String path, String localGoVersion) throws IOException {
        if (!hasPathPrefix(path, codeRoot)) {
            throw new IOException("mismatched repo: found " + codeRoot + " for " + path);
        }
        String[] split = ModulePath.splitPathVersion(path);
        if (split == null) {
            throw new IOException("invalid module path " + dev.gofetch.module.GoStrings.quote(path));
        }
        String prefix = codeRoot.equals(path) ? path : split[0];
        String major = split[1];
        String dir = "";
        if (!codeRoot.equals(path)) {
            if (!hasPathPrefix(prefix, codeRoot)) {
                throw new IOException("repository rooted at " + codeRoot + " cannot contain module " + path);
            }
            dir = trimSlashes(prefix.substring(codeRoot.length()));
        }
        if (subdir != null && !subdir.isEmpty()) {
            dir = dir.isEmpty() ? trimSlashes(subdir) : dir + "/" + trimSlashes(subdir);
        }
        this.modPath = path;
        this.code = code;
        this.codeRoot = codeRoot;
        this.codeDir = dir;
        this.pathMajor = major;
        this.pathPrefix = prefix;
        this.pseudoMajor = pathMajorPrefix(major);
        this.localGoVersion = localGoVersion;
    }

    String modulePath() {
        return modPath;
    }

    /// `module.PathMajorPrefix`: "v2" for "/v2", ".v2" or ".v2-unstable".
    static String pathMajorPrefix(String pathMajor) {
        if (pathMajor.isEmpty()) {
            return "";
        }
        String m = pathMajor.substring(1);
        if (pathMajor.charAt(0) == '.' && m.endsWith("-unstable")) {
            m = m.substring(0, m.length() - "-unstable".length());
        }
        return m;
    }

    private static String trimSlashes(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && s.charAt(a) == '/') {
            a++;
        }
        while (b > a && s.charAt(b - 1) == '/') {
            b--;
        }
        return s.substring(a, b);
    }

    static boolean hasPathPrefix(String s, String prefix) {
        if (s.length() == prefix.length()) {
            return s.equals(prefix);
        }
        if (s.length() > prefix.length()) {
            if (!prefix.isEmpty() && prefix.endsWith("/")) {
                return s.startsWith(prefix);
            }
            return s.charAt(prefix.length()) == '/' && s.startsWith(prefix);
        }
        return false;
    }

    private ModuleFetchException moduleError(String version, String detail, boolean notFound, Throwable cause) {
        return new ModuleFetchException(modPath, version, detail, notFound, cause);
    }

    private ModuleFetchException invalidVersion(String version, String detail, boolean notFound) {
        return moduleError(version, "invalid version: " + detail, notFound, null);
    }

    private ModuleFetchException wrap(IOException e) {
        if (e instanceof ModuleFetchException m) {
            return m;
        }
        return moduleError("", e.getMessage(), e instanceof VcsException v && v.notExist(), e);
    }

    /// The versions list (`@v/list`) with the origin that lets it be revalidated.
    record Versions(Origin origin, List<String> list) {}

    Versions versions(String prefix) throws ModuleFetchException {
        if (modPath.startsWith("gopkg.in/") && modPath.endsWith("-unstable")) {
            return new Versions(null, List.of());
        }
        String p = codeDir.isEmpty() ? prefix : codeDir + "/" + prefix;
        GitRepo.Tags tags;
        try {
            tags = code.tags(p);
        } catch (IOException e) {
            throw wrap(e);
        }
        Origin o = tags.origin();
        Origin origin = new Origin(o.vcs(), o.url(), codeDir, o.hash(), o.tagPrefix(), o.tagSum(), o.ref(), o.repoSum());
        List<String> list = new ArrayList<>();
        List<String> incompatible = new ArrayList<>();
        for (GitRepo.Tag tag : tags.list()) {
            if (!tag.name().startsWith(p)) {
                continue;
            }
            String v = tag.name();
            if (!codeDir.isEmpty()) {
                v = v.substring(codeDir.length() + 1);
            }
            if (v.isEmpty() || !v.equals(Semver.canonical(v)) || PseudoVersion.isPseudoVersion(v)) {
                continue;
            }
            if (!ModulePath.matchPathMajor(v, pathMajor)) {
                if (codeDir.isEmpty() && pathMajor.isEmpty() && Semver.compare(Semver.major(v), "v1") > 0) {
                    incompatible.add(v);
                }
                continue;
            }
            list.add(v);
        }
        Semver.sort(list);
        Semver.sort(incompatible);
        return appendIncompatible(origin, list, incompatible);
    }

    private Versions appendIncompatible(Origin origin, List<String> list, List<String> incompatible)
            throws ModuleFetchException {
        if (incompatible.isEmpty() || !pathMajor.isEmpty()) {
            return new Versions(origin, list);
        }
        if (!list.isEmpty() && hasGoMod(list.get(list.size() - 1))) {
            return new Versions(origin, list);
        }
        List<String> out = new ArrayList<>(list);
        String lastMajor = "";
        boolean lastMajorHasGoMod = false;
        for (int i = 0; i < incompatible.size(); i++) {
            String v = incompatible.get(i);
            String major = Semver.major(v);
            if (!major.equals(lastMajor)) {
                int j = i;
                while (j + 1 < incompatible.size() && Semver.major(incompatible.get(j + 1)).equals(major)) {
                    j++;
                }
                lastMajor = major;
                lastMajorHasGoMod = hasGoMod(incompatible.get(j));
            }
            if (!lastMajorHasGoMod) {
                out.add(v + "+incompatible");
            }
        }
        return new Versions(origin, out);
    }

    private boolean hasGoMod(String v) throws ModuleFetchException {
        try {
            return code.readFile(v, "go.mod") != null;
        } catch (VcsException e) {
            if (e.notExist()) {
                return false;
            }
            throw wrap(e);
        } catch (IOException e) {
            throw wrap(e);
        }
    }

    RevInfo stat(String rev) throws ModuleFetchException {
        if (rev.equals("latest")) {
            return latest();
        }
        String codeRev = revToRev(rev);
        GitRepo.Rev info;
        try {
            info = code.stat(codeRev);
        } catch (IOException e) {
            if (e instanceof ModuleFetchException m) {
                throw m;
            }
            ModuleFetchException m = invalidVersion(rev, e.getMessage(), e instanceof VcsException v && v.notExist());
            if (e instanceof GitRepo.UnknownRevision u) {
                m.withOrigin(u.origin);
            }
            throw m;
        }
        return convert(info, rev);
    }

    RevInfo latest() throws ModuleFetchException {
        GitRepo.Rev info;
        try {
            info = code.latest();
        } catch (IOException e) {
            throw wrap(e);
        }
        return convert(info, "");
    }

    private RevInfo convert(GitRepo.Rev info, String statVers) throws ModuleFetchException {
        Origin o = info.origin();
        RevInfo r;
        try {
            r = convertVersion(info, statVers);
        } catch (ModuleFetchException e) {
            if (e.origin() == null) {
                e.withOrigin(new Origin(o.vcs(), o.url(), codeDir, o.hash(), "", "", o.ref(), o.repoSum()));
            }
            throw e;
        }
        String tagPrefix = o.tagPrefix();
        String tagSum = o.tagSum();
        String repoSum = o.repoSum();
        String v = r.version();
        if (PseudoVersion.isPseudoVersion(v) && (!v.equals(statVers) || !v.startsWith("v0.0.0-"))) {
            String prefix = codeDir.isEmpty() ? "" : codeDir + "/";
            if (!pathMajor.isEmpty()) {
                prefix += pathMajor.substring(1) + ".";
            }
            try {
                GitRepo.Tags tags = code.tags(prefix);
                tagPrefix = tags.origin().tagPrefix();
                tagSum = tags.origin().tagSum();
            } catch (IOException e) {
                throw wrap(e);
            }
        }
        return new RevInfo(v, r.time(), new Origin(o.vcs(), o.url(), codeDir, o.hash(), tagPrefix, tagSum, o.ref(),
                repoSum));
    }

    private final Map<String, Boolean> incompatibleOk = new HashMap<>();

    private boolean canUseIncompatible(GitRepo.Rev info, String statVers, String v) throws ModuleFetchException {
        if (!codeDir.isEmpty() || !pathMajor.isEmpty()) {
            return false;
        }
        synchronized (incompatibleOk) {
            String key = info.name() + "|";
            Boolean ok = incompatibleOk.get(key);
            if (ok == null) {
                ok = readFileOrNull(info.name(), "go.mod") == null;
                incompatibleOk.put(key, ok);
            }
            if (!ok) {
                return false;
            }
            if (!v.isEmpty() && !statVers.endsWith("+incompatible")) {
                String major = Semver.major(v);
                key = info.name() + "|" + major;
                ok = incompatibleOk.get(key);
                if (ok == null) {
                    ok = readFileOrNull(info.name(), major + "/go.mod") == null;
                    incompatibleOk.put(key, ok);
                }
                return ok;
            }
            return true;
        }
    }

    private byte[] readFileOrNull(String rev, String file) throws ModuleFetchException {
        try {
            return code.readFile(rev, file);
        } catch (VcsException e) {
            if (e.notExist()) {
                return null;
            }
            throw wrap(e);
        } catch (IOException e) {
            throw wrap(e);
        }
    }

    private RevInfo checkCanonical(GitRepo.Rev info, String statVers, String v) throws ModuleFetchException {
        try {
            findDir(v);
        } catch (ModuleFetchException e) {
            throw invalidVersion(v, e.detail(), true);
        }
        if (v.equals(stripIncompatible(statVers))) {
            v = statVers;
        }
        String base = stripIncompatible(v);
        ModuleFetchException errIncompatible = null;
        if (!ModulePath.matchPathMajor(base, pathMajor)) {
            if (canUseIncompatible(info, statVers, base)) {
                v = base + "+incompatible";
            } else if (!pathMajor.isEmpty()) {
                errIncompatible = invalidVersion(v, "module path includes a major version suffix, so major version "
                        + "must match", false);
            } else {
                errIncompatible = invalidVersion(v, "module contains a go.mod file, so module path must match major "
                        + "version (" + dev.gofetch.module.GoStrings.quote(pathPrefix + "/" + Semver.major(v)) + ")",
                        false);
            }
        } else if (v.endsWith("+incompatible")) {
            errIncompatible = invalidVersion(v, "+incompatible suffix not allowed: major version " + Semver.major(v)
                    + " is compatible", false);
        }
        if (!statVers.isEmpty() && statVers.equals(ModulePath.canonicalVersion(statVers))) {
            String statBase = stripIncompatible(statVers);
            if (!statBase.equals(base)) {
                throw invalidVersion(statVers, "resolves to version " + v + " (" + statBase + " is not a tag)", false);
            }
        }
        if (errIncompatible != null) {
            throw errIncompatible;
        }
        return new RevInfo(v, info.time().atOffset(ZoneOffset.UTC), null);
    }

    private static String stripIncompatible(String v) {
        return v.endsWith("+incompatible") ? v.substring(0, v.length() - "+incompatible".length()) : v;
    }

    private record TagVersion(String version, boolean canonical) {}

    private TagVersion tagToVersion(String tag, String tagPrefix) {
        if (!tag.startsWith(tagPrefix)) {
            return new TagVersion("", false);
        }
        String trimmed = tag.substring(tagPrefix.length());
        if (PseudoVersion.isPseudoVersion(tag)) {
            return new TagVersion("", false);
        }
        String v = Semver.canonical(trimmed);
        if (v.isEmpty() || !trimmed.startsWith(v)) {
            return new TagVersion("", false);
        }
        return new TagVersion(v, v.equals(trimmed));
    }

    private RevInfo convertVersion(GitRepo.Rev info, String statVers) throws ModuleFetchException {
        if (PseudoVersion.isPseudoVersion(statVers)) {
            RevInfo r = checkCanonical(info, statVers, statVers);
            validatePseudoVersion(info, statVers);
            return r;
        }
        String tagPrefix = codeDir.isEmpty() ? "" : codeDir + "/";
        Predicate<String> isRetracted;
        try {
            isRetracted = retractedVersions();
        } catch (IOException | RuntimeException e) {
            isRetracted = v -> false;
        }
        TagVersion given = tagToVersion(info.version(), tagPrefix);
        if (given.canonical()) {
            try {
                return checkCanonical(info, statVers, given.version());
            } catch (ModuleFetchException e) {
                // fall through to the tags on the revision
            }
        }
        String highestCanonical = "";
        String pseudoBase = "";
        for (String pathTag : info.tags()) {
            TagVersion tv = tagToVersion(pathTag, tagPrefix);
            String v = tv.version();
            if (!statVers.isEmpty() && Semver.compare(v, statVers) == 0) {
                if (tv.canonical()) {
                    return checkCanonical(info, statVers, v);
                }
                pseudoBase = v;
            }
            if (tv.canonical() && Semver.compare(highestCanonical, v) < 0 && !isRetracted.test(v)) {
                if (ModulePath.matchPathMajor(v, pathMajor) || canUseIncompatible(info, statVers, v)) {
                    highestCanonical = v;
                }
            }
        }
        if (!highestCanonical.isEmpty()) {
            return checkCanonical(info, statVers, highestCanonical);
        }
        Predicate<String> retracted = isRetracted;
        if (pseudoBase.isEmpty()) {
            String tag;
            try {
                tag = code.recentTag(info.name(), tagPrefix, t -> {
                    String v = tagToVersion(t, tagPrefix).version();
                    if (v.isEmpty()) {
                        return false;
                    }
                    try {
                        if (!ModulePath.matchPathMajor(v, pathMajor) && !canUseIncompatible(info, statVers, v)) {
                            return false;
                        }
                    } catch (ModuleFetchException e) {
                        return false;
                    }
                    return !retracted.test(v);
                });
            } catch (IOException e) {
                throw wrap(e);
            }
            if (!tag.isEmpty()) {
                pseudoBase = tagToVersion(tag, tagPrefix).version();
            }
        }
        return checkCanonical(info, statVers, PseudoVersion.build(pseudoMajor, pseudoBase, info.time(),
                info.shortName()));
    }

    private void validatePseudoVersion(GitRepo.Rev info, String version) throws ModuleFetchException {
        try {
            String problem = pseudoVersionProblem(info, version);
            if (problem != null) {
                throw moduleError(version, "invalid pseudo-version: " + problem, false, null);
            }
        } catch (dev.gofetch.module.InvalidModuleException e) {
            throw moduleError(version, "invalid pseudo-version: " + e.getMessage(), false, null);
        } catch (ModuleFetchException e) {
            throw e;
        } catch (IOException e) {
            throw moduleError(version, "invalid pseudo-version: " + e.getMessage(), false, e);
        }
    }

    private String pseudoVersionProblem(GitRepo.Rev info, String version) throws IOException {
        String rev = PseudoVersion.rev(version);
        if (!rev.equals(info.shortName())) {
            if (rev.startsWith(info.shortName())) {
                return "revision is longer than canonical (expected " + info.shortName() + ")";
            } else if (info.shortName().startsWith(rev)) {
                return "revision is shorter than canonical (expected " + info.shortName() + ")";
            }
            return "does not match short name of revision (expected " + info.shortName() + ")";
        }
        if (!PseudoVersion.time(version).equals(info.time())) {
            return "does not match version-control timestamp (expected "
                    + TIMESTAMP.format(info.time().atOffset(ZoneOffset.UTC)) + ")";
        }
        String tagPrefix = codeDir.isEmpty() ? "" : codeDir + "/";
        String base = PseudoVersion.base(stripIncompatible(version));
        if (base.isEmpty()) {
            if (pseudoMajor.isEmpty() && Semver.major(version).equals("v1")) {
                return "major version without preceding tag must be v0, not v1";
            }
            return null;
        }
        for (String tag : info.tags()) {
            String versionOnly = tag.startsWith(tagPrefix) ? tag.substring(tagPrefix.length()) : tag;
            if (versionOnly.equals(base)) {
                return "tag (" + tag + ") found on revision " + rev + " is already canonical, so should not be "
                        + "replaced with a pseudo-version derived from that tag";
            }
        }
        GitRepo.Tags tags = code.tags(tagPrefix + base);
        String lastTag = "";
        boolean ancestorFound = false;
        for (GitRepo.Tag tag : tags.list()) {
            String versionOnly = tag.name().startsWith(tagPrefix) ? tag.name().substring(tagPrefix.length()) : tag.name();
            if (Semver.compare(versionOnly, base) == 0) {
                lastTag = tag.name();
                ancestorFound = code.descendsFrom(info.name(), tag.name());
                if (ancestorFound) {
                    break;
                }
            }
        }
        if (lastTag.isEmpty()) {
            return "preceding tag (" + base + ") not found";
        }
        if (!ancestorFound) {
            return "revision " + rev + " is not a descendent of preceding tag (" + lastTag + ")";
        }
        return null;
    }

    private static final java.time.format.DateTimeFormatter TIMESTAMP =
            java.time.format.DateTimeFormatter.ofPattern("uuuuMMddHHmmss");

    private String revToRev(String rev) {
        if (Semver.isValid(rev)) {
            if (PseudoVersion.isPseudoVersion(rev)) {
                return PseudoVersion.rev(rev);
            }
            if (Semver.build(rev).equals("+incompatible")) {
                rev = stripIncompatible(rev);
            }
            return codeDir.isEmpty() ? rev : codeDir + "/" + rev;
        }
        return rev;
    }

    private record Found(String rev, String dir, byte[] goMod) {}

    /// Where in the repository the module's root is at version, and its go.mod (null when it has none).
    private Found findDir(String version) throws ModuleFetchException {
        if (!Semver.isValid(version)) {
            throw invalidVersion(version, "syntax error", false);
        }
        String rev = revToRev(version);
        String file1 = join(codeDir, "go.mod");
        byte[] gomod1 = readOrFail(rev, file1);
        String mpath1 = gomod1 == null ? "" : modfileModulePath(gomod1);
        boolean found1 = gomod1 != null && (isMajor(mpath1, pathMajor)
                || (pathMajor.isEmpty() && mpath1.startsWith("gopkg.in/")));
        String file2 = "";
        if (!pathMajor.isEmpty() && !codeRoot.equals(modPath) && !pathMajor.startsWith(".")) {
            String dir2 = join(codeDir, pathMajor.substring(1));
            file2 = join(dir2, "go.mod");
            byte[] gomod2 = readOrFail(rev, file2);
            String mpath2 = gomod2 == null ? "" : modfileModulePath(gomod2);
            boolean found2 = gomod2 != null && isMajor(mpath2, pathMajor);
            if (found1 && found2) {
                throw moduleError(version, pathPrefix + "/" + file1 + " and ..." + pathMajor + "/go.mod both have ..."
                        + pathMajor + " module paths at revision " + rev, false, null);
            }
            if (found2) {
                return new Found(rev, dir2, gomod2);
            }
            if (gomod2 != null) {
                if (mpath2.isEmpty()) {
                    throw moduleError(version, codeRoot + "/" + file2 + " is missing module path at revision " + rev,
                            false, null);
                }
                throw moduleError(version, codeRoot + "/" + file2 + " has non-..." + pathMajor + " module path "
                        + dev.gofetch.module.GoStrings.quote(mpath2) + " at revision " + rev, false, null);
            }
        }
        if (found1) {
            return new Found(rev, codeDir, gomod1);
        }
        if (gomod1 != null) {
            String suffix = file2.isEmpty() ? "" : " (and ..." + pathMajor + "/go.mod does not exist)";
            String q = dev.gofetch.module.GoStrings.quote(mpath1);
            String detail;
            if (mpath1.isEmpty()) {
                detail = file1 + " is missing module path" + suffix + " at revision " + rev;
            } else if (!pathMajor.isEmpty()) {
                detail = file1 + " has non-..." + pathMajor + " module path " + q + suffix + " at revision " + rev;
            } else if (ModulePath.splitPathVersion(mpath1) == null) {
                detail = file1 + " has malformed module path " + q + suffix + " at revision " + rev;
            } else {
                detail = file1 + " has post-" + Semver.major(version) + " module path " + q + suffix + " at revision "
                        + rev;
            }
            throw moduleError(version, detail, false, null);
        }
        if (codeDir.isEmpty() && (pathMajor.isEmpty() || pathMajor.startsWith("."))) {
            return new Found(rev, "", null);
        }
        if (!file2.isEmpty()) {
            throw moduleError(version, "missing " + pathPrefix + "/go.mod and ..." + pathMajor + "/go.mod at revision "
                    + rev, true, null);
        }
        throw moduleError(version, "missing " + pathPrefix + "/go.mod at revision " + rev, true, null);
    }

    private byte[] readOrFail(String rev, String file) throws ModuleFetchException {
        try {
            return code.readFile(rev, file);
        } catch (VcsException e) {
            if (e.notExist()) {
                return null;
            }
            throw moduleError(rev, "reading " + codeRoot + "/" + file + " at revision " + rev + ": " + e.getMessage(),
                    false, e);
        } catch (IOException e) {
            throw moduleError(rev, "reading " + codeRoot + "/" + file + " at revision " + rev + ": " + e.getMessage(),
                    false, e);
        }
    }

    private static String join(String dir, String name) {
        return dir.isEmpty() ? name : dir + "/" + name;
    }

    static boolean isMajor(String mpath, String pathMajor) {
        if (mpath.isEmpty()) {
            return false;
        }
        String[] split = ModulePath.splitPathVersion(mpath);
        if (split == null) {
            return false;
        }
        String mpathMajor = split[1];
        if (pathMajor.isEmpty()) {
            String p = pathMajorPrefix(mpathMajor);
            return p.isEmpty() || p.equals("v0") || p.equals("v1");
        }
        if (mpathMajor.isEmpty()) {
            return false;
        }
        return pathMajor.substring(1).equals(mpathMajor.substring(1));
    }

    /// `modfile.ModulePath`: the module path of a go.mod, read leniently ("" if there is none).
    static String modfileModulePath(byte[] mod) {
        for (String line : new String(mod, StandardCharsets.UTF_8).split("\n", -1)) {
            int c = line.indexOf("//");
            if (c >= 0) {
                line = line.substring(0, c);
            }
            line = line.strip();
            if (!line.startsWith("module")) {
                continue;
            }
            String rest = line.substring("module".length());
            String trimmed = rest.strip();
            if (trimmed.length() == rest.length() || trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.charAt(0) == '"' || trimmed.charAt(0) == '`') {
                char q = trimmed.charAt(0);
                String inner = trimmed.substring(1, Math.max(1, trimmed.length() - 1));
                boolean simple = trimmed.length() >= 2 && trimmed.charAt(trimmed.length() - 1) == q
                        && inner.indexOf(q) < 0 && (q == '`' || inner.indexOf('\\') < 0);
                return simple ? inner : ""; // escapes never occur in valid module paths
            }
            return trimmed;
        }
        return "";
    }

    byte[] goMod(String version) throws ModuleFetchException {
        if (!version.equals(ModulePath.canonicalVersion(version))) {
            throw moduleError(version, "version " + version + " is not canonical", false, null);
        }
        if (PseudoVersion.isPseudoVersion(version)) {
            stat(version);
        }
        Found f = findDir(version);
        if (f.goMod() != null) {
            return f.goMod();
        }
        byte[] data = readFileOrNull(f.rev(), join(f.dir(), "go.mod"));
        if (data == null) {
            return ("module " + modPath + "\n").getBytes(StandardCharsets.UTF_8);
        }
        return data;
    }

    private Predicate<String> retractedVersions() throws IOException {
        List<String> versions = new ArrayList<>(versions("").list());
        for (int i = 0; i < versions.size(); i++) {
            if (versions.get(i).endsWith("+incompatible")) {
                versions = versions.subList(0, i);
                break;
            }
        }
        if (versions.isEmpty()) {
            return v -> false;
        }
        String highest = "";
        for (int i = versions.size() - 1; i >= 0; i--) {
            if (Semver.prerelease(versions.get(i)).isEmpty()) {
                highest = versions.get(i);
                break;
            }
        }
        if (highest.isEmpty()) {
            highest = versions.get(versions.size() - 1);
        }
        GoMod f = GoMod.parseLax("go.mod", goMod(highest));
        List<GoMod.Retract> retracts = f.retracts();
        return v -> {
            for (GoMod.Retract r : retracts) {
                if (Semver.compare(r.low(), v) <= 0 && Semver.compare(v, r.high()) <= 0) {
                    return true;
                }
            }
            return false;
        };
    }

    /// Writes the module zip of version (x/mod/zip's `Create` over `git archive` of the module's tree).
    void zip(String version, OutputStream dst) throws ModuleFetchException {
        if (!version.equals(ModulePath.canonicalVersion(version))) {
            throw moduleError(version, "version " + version + " is not canonical", false, null);
        }
        if (PseudoVersion.isPseudoVersion(version)) {
            stat(version);
        }
        Found f = findDir(version);
        String subdir = f.dir();
        byte[] gomod = readFileOrNull(f.rev(), join(subdir, "go.mod"));
        String goVersion = "";
        if (gomod != null) {
            try {
                goVersion = GoMod.parseLax("go.mod", gomod).goVersion();
            } catch (RuntimeException e) {
                goVersion = "";
            }
            if (!goVersion.isEmpty() && !localGoVersion.isEmpty() && GoVersion.compare(goVersion, localGoVersion) > 0) {
                throw moduleError(version, "requires go >= " + goVersion + " (running go " + localGoVersion + ")",
                        false, null);
            }
        }
        try {
            byte[] archive = code.readZip(f.rev(), subdir);
            java.util.Optional<Set<String>> fromArchive = ArchiveModes.symlinks(archive, "prefix/");
            Set<String> links = fromArchive.isPresent() ? fromArchive.get() : code.symlinks(f.rev(), subdir);
            writeModuleZip(archive, links, f.rev(), subdir, version, dst);
        } catch (ModuleFetchException e) {
            throw e;
        } catch (IOException e) {
            throw moduleError(version, e.getMessage(), e instanceof VcsException v && v.notExist(), e);
        }
    }

    private void writeModuleZip(byte[] archive, Set<String> links, String rev, String subdir, String version,
            OutputStream dst)
            throws IOException {
        String sub = subdir.isEmpty() ? "" : subdir + "/";
        Map<String, byte[]> contents = new LinkedHashMap<>();
        List<ModuleZip.TreeEntry> files = new ArrayList<>();
        String topPrefix = "";
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(archive), StandardCharsets.UTF_8)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                String full = e.getName();
                if (topPrefix.isEmpty()) {
                    int i = full.indexOf('/');
                    if (i < 0) {
                        throw new IOException("missing top-level directory prefix");
                    }
                    topPrefix = full.substring(0, i + 1);
                }
                if (!full.startsWith(topPrefix)) {
                    throw new IOException("zip file contains more than one top-level directory");
                }
                String inRepo = full.substring(topPrefix.length());
                if (!inRepo.startsWith(sub)) {
                    continue;
                }
                String name = inRepo.substring(sub.length());
                if (name.isEmpty() || name.endsWith("/")) {
                    continue;
                }
                byte[] data = in.readAllBytes();
                boolean link = links.contains(inRepo);
                files.add(new ModuleZip.TreeEntry(name, link ? ModuleZip.TreeEntry.Kind.SYMLINK
                        : ModuleZip.TreeEntry.Kind.REGULAR, data.length));
                contents.put(name, data);
            }
        }
        if (!sub.isEmpty() && !contents.containsKey("LICENSE")) {
            byte[] license = readFileOrNull(rev, "LICENSE");
            if (license != null) {
                files.add(ModuleZip.TreeEntry.file("LICENSE", license.length));
                contents.put("LICENSE", license);
            }
        }
        String goVersion = "";
        byte[] rootMod = contents.get("go.mod");
        if (rootMod != null && !links.contains(sub + "go.mod")) {
            try {
                goVersion = GoMod.parseLax("go.mod", rootMod).goVersion();
            } catch (RuntimeException ignored) {
                goVersion = "";
            }
        }
        dev.gofetch.verify.CheckedFiles checked = ModuleZip.checkFiles(files, goVersion);
        var problem = checked.error();
        if (problem.isPresent()) {
            throw new IOException("create zip: " + problem.get());
        }
        String prefix = modPath + "@" + version + "/";
        ZipOutputStream zw = new ZipOutputStream(new NonClosing(dst), StandardCharsets.UTF_8);
        for (String name : checked.valid()) {
            ZipEntry entry = new ZipEntry(prefix + name);
            entry.setTime(ZIP_EPOCH);
            zw.putNextEntry(entry);
            zw.write(contents.get(name));
            zw.closeEntry();
        }
        zw.finish();
        zw.flush();
    }

    /// 1980-01-01, the earliest time a zip entry can record; Go's zip writer leaves times at zero too.
    private static final long ZIP_EPOCH = java.time.LocalDateTime.of(1980, 1, 1, 0, 0)
            .atZone(java.time.ZoneId.systemDefault()).toInstant().toEpochMilli();

    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
