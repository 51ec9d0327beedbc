package dev.callchain.kafka;

import java.util.Locale;
import java.util.Map;

/**
 * One user that a broker's client listener requires, by SASL/PLAIN: how the broker is told (the
 * JAAS login of the listener, which also lists the users it accepts) and what a client sends. The
 * name and password go into JAAS text as they are, between double quotes: no quotes or
 * backslashes in them.
 */
public record SaslPlain(String username, String password) {
    private static final String MECHANISM = "PLAIN";

    /** The settings a client gives besides {@code bootstrap.servers}, here with this user's login. */
    public Map<String, Object> clientConfig() {
        return clientConfig(username, password);
    }

    /** The same for any name and password: a client that logs in as someone the broker may refuse. */
    public static Map<String, Object> clientConfig(String username, String password) {
        return Map.of(
                "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", MECHANISM,
                "sasl.jaas.config", loginModule("username=\"" + username + "\" password=\"" + password + "\""));
    }

    /**
     * The broker's side for the listener {@code listenerName}: PLAIN only, this user accepted
     * ({@code user_<name>}), and the same user as the broker's own login, which it needs when the
     * listener is also the inter-broker one.
     */
    Map<String, Object> brokerConfig(String listenerName) {
        String prefix = "listener.name." + listenerName.toLowerCase(Locale.ROOT) + ".";
        return Map.of(
                "sasl.enabled.mechanisms", MECHANISM,
                "sasl.mechanism.inter.broker.protocol", MECHANISM,
                prefix + "plain.sasl.jaas.config",
                loginModule(
                        "username=\"" + username + "\" password=\"" + password + "\""
                                + " user_" + username + "=\"" + password + "\""));
    }

    private static String loginModule(String options) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required " + options + ";";
    }
}
