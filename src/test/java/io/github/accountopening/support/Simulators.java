package io.github.accountopening.support;

import java.util.Map;

/** Where applications under test find the simulators another node serves, and where those send webhooks. */
public final class Simulators {

    private Simulators() {}

    /** The base URLs of NexusBank, the card platform and Jira as served by the node on {@code port}. */
    public static Map<String, Object> servedOn(int port) {
        String simulators = "http://localhost:" + port + "/simulator/";
        return Map.of(
                "nexusbank.base-url",
                simulators + "nexusbank",
                "cards.base-url",
                simulators + "cards",
                "jira.base-url",
                simulators + "jira");
    }

    /** The webhook endpoint of the node on {@code port}, for {@code simulator.webhook-url}. */
    public static String webhookUrl(int port) {
        return "http://localhost:" + port + "/webhooks/nexusbank/account-opening";
    }
}
