package io.github.accountopening.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.StreamSupport;

/** Reads an opening's audit trail as GET /api/account-openings/{requestId}/events answers it. */
public final class AuditTrail {

    private AuditTrail() {}

    /** Applied statuses whose rank is not above the one applied before: must always be 0. */
    public static int backwardSteps(JsonNode events) {
        int rank = 0;
        int backwards = 0;
        for (JsonNode event : events) {
            if (event.get("outcome").asText().equals("APPLIED")) {
                int next = switch (event.get("status").asText()) {
                    case "INITIATED" -> 1;
                    case "IN_PROGRESS" -> 2;
                    default -> 3;
                };
                backwards += next <= rank ? 1 : 0;
                rank = next;
            }
        }
        return backwards;
    }

    /** How many times a status was applied: a terminal one exactly once. */
    public static long applied(JsonNode events, String status) {
        return StreamSupport.stream(events.spliterator(), false)
                .filter(e -> e.get("status").asText().equals(status)
                        && e.get("outcome").asText().equals("APPLIED"))
                .count();
    }
}
