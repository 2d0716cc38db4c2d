package dev.gofetch.ui.graph;

import dev.gofetch.module.ModuleVersion;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/// The details of the selected box: why it is in the graph, every version of its path and who asked
/// for it, its go.mod requirements, and what went wrong. Rebuilt whenever the details change.
final class DetailsPane extends VBox {
    private final GraphViewModel vm;

    DetailsPane(GraphViewModel vm) {
        super(14);
        this.vm = vm;
        setId("details");
        getStyleClass().add("details");
        vm.detailsProperty().addListener((obs, was, now) -> show(now));
        show(vm.getDetails());
    }

    private void show(NodeDetails d) {
        getChildren().clear();
        if (d == null) {
            Label empty = new Label("Select a module to see why it is in the build list, which versions "
                    + "of it were asked for, and what it requires.");
            empty.setWrapText(true);
            empty.getStyleClass().add("details-empty");
            getChildren().add(empty);
            return;
        }
        Label title = new Label(d.title());
        title.setId("detailsTitle");
        title.getStyleClass().add("details-title");
        title.setWrapText(true);
        HBox badges = new HBox(6);
        badges.setAlignment(Pos.CENTER_LEFT);
        if (!d.version().isEmpty()) {
            badges.getChildren().add(badge(d.version(), "badge-version"));
        }
        if (!d.isGroup()) {
            boolean main = d.version().isEmpty();
            if (main) {
                badges.getChildren().add(badge("main module", "badge-main"));
            } else if (d.superseded()) {
                badges.getChildren().add(badge("superseded by " + d.selectedVersion(), "badge-superseded"));
            } else {
                badges.getChildren().add(badge("selected", "badge-selected"));
            }
            badges.getChildren().add(badge(d.state().text(), "badge-" + d.state().name().toLowerCase(java.util.Locale.ROOT)));
            if (!d.goVersion().isEmpty()) {
                badges.getChildren().add(badge("go " + d.goVersion(), "badge-version"));
            }
        }
        getChildren().addAll(title, badges);

        if (d.error() != null) {
            Label err = new Label(d.error());
            err.setId("detailsError");
            err.setWrapText(true);
            err.getStyleClass().add("details-error");
            err.setMinHeight(Region.USE_PREF_SIZE);
            getChildren().add(err);
        }
        if (d.isGroup()) {
            getChildren().add(section("Modules in this group", linkList(d.members())));
            return;
        }
        if (d.replacement() != null) {
            getChildren().add(section("Replaced", text("go.mod replaces it with " + d.replacement()
                    + ": that module's go.mod and source are used instead.")));
        }
        if (d.whyPath().size() > 1) {
            VBox chain = new VBox(1);
            chain.setId("whyPath");
            chain.getStyleClass().add("why-chain");
            for (int i = 0; i < d.whyPath().size(); i++) {
                Hyperlink step = link(d.whyPath().get(i), i == d.whyPath().size() - 1);
                step.setWrapText(true);
                if (i == 0) {
                    chain.getChildren().add(step);
                } else {
                    Label arrow = new Label("→");
                    arrow.getStyleClass().add("why-arrow");
                    HBox row = new HBox(2, arrow, step);
                    row.setAlignment(Pos.CENTER_LEFT);
                    chain.getChildren().add(row);
                }
            }
            Label caption = muted("each one requires the next");
            getChildren().add(section("Why it is in the graph", new VBox(4, chain, caption)));
        }
        if (!d.versions().isEmpty()) {
            VBox list = new VBox(6);
            list.setId("versionsSeen");
            for (NodeDetails.VersionSeen v : d.versions()) {
                HBox head = new HBox(6);
                head.setAlignment(Pos.CENTER_LEFT);
                Hyperlink version = new Hyperlink(v.module().version());
                version.getStyleClass().add(v.selected() ? "version-selected" : "version-superseded");
                version.setOnAction(e -> vm.selectModule(v.module()));
                head.getChildren().add(version);
                if (v.selected()) {
                    head.getChildren().add(badge("selected", "badge-selected"));
                }
                FlowPane by = new FlowPane(4, 2);
                by.getChildren().add(muted(v.requiredBy().isEmpty() ? "not required by any loaded go.mod" : "required by"));
                for (NodeDetails.Link l : v.requiredBy()) {
                    by.getChildren().add(link(l, false));
                }
                by.getStyleClass().add("indented");
                list.getChildren().addAll(new VBox(0, head, by));
            }
            getChildren().add(section("Versions of " + d.title(), list));
        }
        if (!d.excludedVersions().isEmpty()) {
            getChildren().add(section("Excluded by go.mod", text(String.join(", ", d.excludedVersions()))));
        }
        Node reqs;
        if (d.requirements() == null || d.requirements().isEmpty()) {
            reqs = text(d.requirementsNote());
        } else {
            VBox list = new VBox(1);
            for (NodeDetails.Requirement r : d.requirements()) {
                Hyperlink l = link(r.link(), false);
                if (r.superseded()) {
                    l.getStyleClass().add("version-superseded");
                }
                Region dot = new Region();
                dot.getStyleClass().addAll("state-dot", "state-" + (r.superseded() ? "superseded"
                        : r.state().name().toLowerCase(java.util.Locale.ROOT)));
                HBox row = new HBox(4, dot, l);
                row.setAlignment(Pos.CENTER_LEFT);
                list.getChildren().add(row);
            }
            reqs = list;
        }
        String reqTitle = d.requirements() == null ? "Requirements"
                : "Requirements (" + d.requirements().size() + ")";
        getChildren().add(section(reqTitle, reqs));
    }

    private Node linkList(List<NodeDetails.Link> links) {
        VBox box = new VBox(1);
        for (NodeDetails.Link l : links) {
            box.getChildren().add(link(l, false));
        }
        return box;
    }

    private Hyperlink link(NodeDetails.Link l, boolean current) {
        Hyperlink h = new Hyperlink(l.label());
        h.getStyleClass().add("module-link");
        if (current) {
            h.getStyleClass().add("current");
        }
        ModuleVersion m = l.module();
        h.setOnAction(e -> vm.selectModule(m));
        return h;
    }

    private static VBox section(String title, Node content) {
        Label t = new Label(title.toUpperCase(java.util.Locale.ROOT));
        t.getStyleClass().add("section-title");
        VBox box = new VBox(6, t, content);
        box.getStyleClass().add("details-section");
        return box;
    }

    private static Label badge(String text, String style) {
        Label l = new Label(text);
        l.getStyleClass().addAll("badge", style);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private static Label text(String s) {
        Label l = new Label(s);
        l.setWrapText(true);
        l.getStyleClass().add("details-text");
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }

    private static Label muted(String s) {
        Label l = new Label(s);
        l.getStyleClass().add("muted");
        return l;
    }
}
