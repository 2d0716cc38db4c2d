package dev.gofetch.resolve;

import dev.gofetch.module.GoMod;
import dev.gofetch.module.ModuleVersion;
import java.util.List;

/// What the module graph needs from one go.mod (`modFileSummary`): its declared path, go version,
/// pruning and requirements (with a `go@V` requirement for go 1.21 and later).
record Summary(String modulePath, String goVersion, Pruning pruning, List<ModuleVersion> requires,
        List<GoMod.Retract> retracts, String deprecated) {

    Summary {
        requires = List.copyOf(requires);
        retracts = List.copyOf(retracts);
    }

    Summary withRequires(List<ModuleVersion> newRequires) {
        return new Summary(modulePath, goVersion, pruning, newRequires, retracts, deprecated);
    }
}
