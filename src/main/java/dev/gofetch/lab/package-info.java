/// The lab mirror: a loopback GOPROXY server over a directory tree or a generated universe of sample
/// modules, with faults injected on demand. A product feature (`gofetch lab`, the app's offline demo)
/// and the test bed for the whole engine.
package dev.gofetch.lab;
