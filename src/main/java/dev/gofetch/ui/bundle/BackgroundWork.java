package dev.gofetch.ui.bundle;

import dev.gofetch.ui.base.Coalescer;
import dev.gofetch.ui.base.UiBridge;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/// One long bundle step at a time, off the FX thread: busy flag, a progress line and fraction fed
/// through a {@link Coalescer}, and cancellation by interrupting the step's thread (the bundle
/// package stops at the next file or module and throws {@link CancellationException}). Results and
/// failures of a cancelled or superseded step are dropped.
final class BackgroundWork {
    /// Work that may fail with a message for the user.
    interface Step<T> {
        T run(Progressor progress) throws Exception;
    }

    /// Progress reports from any thread.
    interface Progressor {
        /// @param fraction 0..1, or -1 when the amount is unknown
        void report(String text, double fraction);
    }

    private record Report(String text, double fraction) {}

    private final UiBridge ui;
    private final Executor background;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final Coalescer<String, Report> reports;
    private FutureTask<Void> task;
    private long generation;

    BackgroundWork(UiBridge ui, Executor background) {
        this.ui = Objects.requireNonNull(ui);
        this.background = Objects.requireNonNull(background);
        this.reports = ui.coalescer((older, newer) -> newer, batch -> batch.values().forEach(this::show));
    }

    private void show(Report r) {
        if (busy.get()) {
            progressText.set(r.text());
            progress.set(r.fraction());
        }
    }

    /// Starts a step; done or failed runs on the UI thread unless the step was cancelled first.
    <T> void start(String doing, Step<T> step, Consumer<T> done, Consumer<Exception> failed) {
        cancel();
        long gen = ++generation;
        busy.set(true);
        progressText.set(doing);
        progress.set(-1);
        Progressor p = (text, fraction) -> reports.post("p", new Report(text, fraction));
        FutureTask<Void> t = new FutureTask<>(() -> {
            try {
                T result = step.run(p);
                ui.run(() -> {
                    if (gen == generation) {
                        finish();
                        done.accept(result);
                    }
                });
            } catch (CancellationException e) {
                // cancel() already updated the view model
            } catch (Exception | LinkageError e) {
                Exception ex = e instanceof Exception x ? x : new RuntimeException(e);
                ui.run(() -> {
                    if (gen == generation) {
                        finish();
                        failed.accept(ex);
                    }
                });
            }
            return null;
        });
        task = t;
        background.execute(t);
    }

    private void finish() {
        reports.clear();
        busy.set(false);
        task = null;
    }

    /// Stops the step in progress, if any; returns whether one was running.
    boolean cancel() {
        if (!busy.get()) {
            return false;
        }
        generation++;
        FutureTask<Void> t = task;
        finish();
        progressText.set("");
        progress.set(0);
        if (t != null) {
            t.cancel(true);
        }
        return true;
    }

    ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /// A failure in plain words: file-system errors say what happened to which file.
    static String plain(Exception e) {
        if (e instanceof AccessDeniedException a) {
            return "permission denied: " + a.getFile();
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException x) {
            return "not a directory: " + x.getFile();
        }
        if (e instanceof NoSuchFileException n) {
            return "no such file or directory: " + n.getFile();
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(java.util.Locale.ROOT) + ": " + f.getFile();
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
