package dev.callchain.simulator.model;

/** The services of the model, each with the network its address pool lives in. */
public enum Service {
    CLIENT("10.0.0."),
    MAIN("10.1.0."),
    SUB1("10.2.0."),
    SUB2("10.3.0."),
    SUB3("10.4.0.");

    private final String addressPrefix;

    Service(String addressPrefix) {
        this.addressPrefix = addressPrefix;
    }

    public String addressPrefix() {
        return addressPrefix;
    }
}
