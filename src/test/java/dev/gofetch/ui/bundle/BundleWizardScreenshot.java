package dev.gofetch.ui.bundle;

import dev.gofetch.bundle.BundleCreator;
import dev.gofetch.engine.DownloadListener;
import dev.gofetch.engine.Session;
import dev.gofetch.env.GoEnv;
import dev.gofetch.lab.LabServer;
import dev.gofetch.lab.Universe;
import dev.gofetch.lab.UniverseGenerator;
import dev.gofetch.lab.UniverseSpec;
import dev.gofetch.testing.GoTool;
import dev.gofetch.ui.base.Engine;
import dev.gofetch.ui.base.UiBridge;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import javafx.application.Platform;

/// Shows the bundle wizard at its review step (or, with `report`, its report) on a generated universe
/// served by a lab mirror, some of whose modules are in the module cache already: for
/// `fx-screenshot -s 1000x640 -- java -cp ... dev.gofetch.ui.bundle.BundleWizardScreenshot [report]`.
public final class BundleWizardScreenshot {
    private BundleWizardScreenshot() {}

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "review";
        boolean report = mode.equals("report");
        Path dir = Files.createTempDirectory("gofetch-wizard-shot-");
        Universe u = UniverseGenerator.generate(UniverseSpec.builder().seed(2024).modulePaths(70).versionsPerPath(2)
                .mainModules(1).requirementsPerModule(2.5).ghostRequirements(0)
                .zipSizes(new UniverseSpec.ZipSizes(48 << 10, 0.3, 300 << 10, 1500 << 10, 0.05, 2 << 20, 3 << 20))
                .build(), dir.resolve("universe"));
        LabServer lab = LabServer.start(u.proxy().root());
        Map<String, String> env = GoTool.pinnedEnv(dir.resolve("scratch"), lab.baseUri().toString());
        Path project = u.mainModules().get(0);
        // Every other module of the build list downloaded already, so the review shows both kinds.
        try (Session s = Session.open(GoEnv.load(env), 8)) {
            List<BundleCreator.Entry> all = BundleCreator.plan(s, List.of(project), List.of(), project, w -> { })
                    .review();
            List<String> some = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).zip() && i % 2 == 0) {
                    some.add(all.get(i).module().path() + "@" + all.get(i).module().version());
                }
            }
            BundleCreator.plan(s, List.of(project), some, project, w -> { }).download(DownloadListener.NONE, 8);
        }
        Platform.startup(() -> {
            BundleWizardViewModel vm = new BundleWizardViewModel(Engine.of(env), UiBridge.fx(),
                    Executors.newCachedThreadPool(r -> {
                        Thread t = new Thread(r);
                        t.setDaemon(true);
                        return t;
                    }), project, List.of(), LocalDate.now());
            if (mode.equals("import")) {
                Path file = dir.resolve("some.tar");
                try (Session s = Session.open(GoEnv.load(env), 8)) {
                    BundleCreator c = BundleCreator.plan(s, List.of(project), List.of(), project, w -> { });
                    c.download(DownloadListener.NONE, 8);
                    c.write(file, null, dev.gofetch.bundle.Progress.NONE);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                Map<String, String> fresh = GoTool.pinnedEnv(dir.resolve("fresh"), "off");
                BundleImportDialog d = new BundleImportDialog(new BundleImportViewModel(Engine.of(fresh), UiBridge.fx(),
                        Executors.newCachedThreadPool()), null);
                d.stage().setX(0);
                d.stage().setY(0);
                d.show(file);
                return;
            }
            BundleWizard wizard = new BundleWizard(vm, null);
            wizard.chooseWith(Optional::empty, name -> Optional.of(dir.resolve(name)));
            wizard.stage().setX(0);
            wizard.stage().setY(0);
            wizard.show();
            if (mode.equals("choose")) {
                vm.addProject(dir);
            }
            vm.review();
            if (report) {
                vm.stepProperty().addListener((obs, was, now) -> {
                    if (now == BundleWizardViewModel.Step.REVIEW) {
                        vm.create(dir.resolve(vm.defaultFileName()));
                    }
                });
            }
        });
    }
}
