package dev.gofetch.proxy;

/// A GOPROXY setting the go command would refuse; the message is its text.
public class ProxyConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public ProxyConfigException(String message) {
        super(message);
    }
}
