package io.github.accountopening.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The benchmark's yardstick: a bare JSON POST in the same application, on the same port. */
@RestController
@ConditionalOnProperty(name = "bench.endpoint.enabled", havingValue = "true")
class BenchEndpoint {

    private final ObjectMapper json;

    BenchEndpoint(ObjectMapper json) {
        this.json = json;
    }

    @PostMapping("/bench/echo")
    ResponseEntity<Map<String, String>> echo(@RequestBody String body) throws Exception {
        JsonNode node = json.readTree(body);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(Map.of("status", node.path("status").asText()));
    }
}
