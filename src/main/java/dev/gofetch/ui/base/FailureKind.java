package dev.gofetch.ui.base;

import java.util.Locale;

/// What sort of failure an engine message describes, with a plain-language explanation of it.
/// Judged from the message text: the engine reports failures in the go command's words.
public enum FailureKind {
    CHECKSUM_MISMATCH("Checksum mismatch",
            "What was downloaded is not what go.sum recorded. Either the mirror served different bytes, or go.sum "
                    + "is wrong. Nothing of it was kept. Find out which source is wrong before trusting either; "
                    + "do not turn verification off."),
    HOSTILE_ZIP("Unsafe module zip",
            "The module's zip breaks the rules every module zip must follow (files outside the module, "
                    + "duplicate or case-folding names, or sizes over the limits). It was not extracted."),
    TIMEOUT("Timed out",
            "The mirror took too long to answer. It may be overloaded or the network slow; retrying often works."),
    REFUSED("Connection refused",
            "Nothing is listening at the mirror's address. The mirror may be down, or GOPROXY names the wrong "
                    + "host or port."),
    DNS("Host not found",
            "The mirror's host name could not be looked up. Check the network connection and the GOPROXY setting."),
    TLS("Secure connection failed",
            "The mirror's certificate could not be verified or the TLS handshake failed. A proxy or captive portal "
                    + "may be in the way, or the system's certificates are out of date."),
    NOT_FOUND("Not on the mirror",
            "The mirror does not have this module version (404 Not Found or 410 Gone). Check the version; if the "
                    + "module is private, add it to GOPRIVATE so it is fetched directly."),
    AUTH("Not allowed",
            "The mirror or repository asked for credentials or refused them (401/403, or git could not prompt). Check "
                    + "~/.netrc, the GOAUTH setting or git's credential helper for this host."),
    PRIVATE_PATH_LEAKED("Private module sent to a public server",
            "A public proxy or the public checksum database was asked for a private module. It cannot see it, so it "
                    + "answers 404 Not Found or 410 Gone. Add the module's host to GOPRIVATE so it is fetched directly "
                    + "and not checked against the public checksum database."),
    MISSING_GOPRIVATE("Private module not in GOPRIVATE",
            "The module is treated as public because GOPRIVATE does not match its path. Add its host to GOPRIVATE."),
    UNKNOWN_REVISION("Unknown version",
            "The repository has no tag, branch or commit by that name. Check the version, and that its tag was pushed."),
    DISK_FULL("Disk full",
            "There is no space left where the module cache is. Free some space, or clean the module cache in "
                    + "the Cache panel."),
    OTHER("Failed", "");

    private final String title;
    private final String explanation;

    FailureKind(String title, String explanation) {
        this.title = title;
        this.explanation = explanation;
    }

    public String title() {
        return title;
    }

    public String explanation() {
        return explanation;
    }

    /// The kind for a diagnosed private-module failure.
    public static FailureKind of(dev.gofetch.vcs.Diagnosis.Kind kind) {
        return switch (kind) {
            case AUTHENTICATION -> AUTH;
            case PRIVATE_PATH_SENT_TO_PROXY, PRIVATE_PATH_SENT_TO_CHECKSUM_DB -> PRIVATE_PATH_LEAKED;
            case MISSING_GOPRIVATE -> MISSING_GOPRIVATE;
            case UNKNOWN_REVISION -> UNKNOWN_REVISION;
        };
    }

    /// The kind of failure the message describes.
    public static FailureKind classify(String message) {
        String s = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (s.contains("security error") || s.contains("checksum mismatch")) {
            return CHECKSUM_MISMATCH;
        }
        if (s.contains("no space left") || s.contains("disk full") || s.contains("not enough space")) {
            return DISK_FULL;
        }
        // "zip: ..." as a message of its own, not a URL ending in ".zip: 404 Not Found"
        if (s.startsWith("zip: ") || s.contains(": zip: ") || s.contains("unexpected file")
                || s.contains("case-insensitive file name collision") || s.contains("module source tree too large")
                || s.contains("not a valid zip") || s.contains("malformed file path")) {
            return HOSTILE_ZIP;
        }
        if (s.contains("timeout") || s.contains("timed out") || s.contains("deadline exceeded")) {
            return TIMEOUT;
        }
        if (s.contains("connection refused") || s.contains("connectexception")) {
            return REFUSED;
        }
        if (s.contains("no such host") || s.contains("unknownhost") || s.contains("unresolved address")
                || s.contains("name or service not known")) {
            return DNS;
        }
        if (s.contains("tls") || s.contains("certificate") || s.contains("ssl") || s.contains("handshake")) {
            return TLS;
        }
        if (s.contains("401") || s.contains("403") || s.contains("unauthorized") || s.contains("forbidden")
                || s.contains("terminal prompts disabled")) {
            return AUTH;
        }
        if (s.contains("404") || s.contains("410") || s.contains("not found") || s.contains("unknown revision")
                || s.contains("invalid version")) {
            return NOT_FOUND;
        }
        return OTHER;
    }
}
