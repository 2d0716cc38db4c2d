package dev.gofetch.transfer;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/// Delivers events to the caller's listeners so that none of them can break the engine: whatever a
/// listener throws is caught, and logged once per listener.
final class SafeListeners {
    private static final System.Logger LOG = System.getLogger(SafeListeners.class.getName());

    private final List<TransferListener> listeners;
    private final Set<TransferListener> alreadyLogged = ConcurrentHashMap.newKeySet();

    SafeListeners(List<TransferListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    boolean isEmpty() {
        return listeners.isEmpty();
    }

    <E> void deliver(BiConsumer<TransferListener, E> method, E event) {
        for (TransferListener l : listeners) {
            try {
                method.accept(l, event);
            } catch (Throwable t) {
                if (t instanceof VirtualMachineError vme) {
                    throw vme;
                }
                if (alreadyLogged.add(l)) {
                    LOG.log(System.Logger.Level.WARNING, "transfer listener " + l.getClass().getName()
                            + " threw; its further failures are ignored", t);
                }
            }
        }
    }
}
