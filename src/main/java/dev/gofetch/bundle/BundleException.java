package dev.gofetch.bundle;

import java.util.List;

/// A bundle that must not be used, or a bundle operation that could not be done: every problem found,
/// each a sentence naming the file it is about.
public final class BundleException extends Exception {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public BundleException(List<String> problems) {
        super(problems.isEmpty() ? "bundle rejected" : String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public BundleException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }
}
