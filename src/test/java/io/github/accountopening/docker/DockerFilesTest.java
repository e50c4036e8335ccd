package io.github.accountopening.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Docker files users run, checked without a Docker engine: the compose file parses and wires two
 * nodes to one PostgreSQL and one Redis behind a load balancer; the image starts the jar the build makes.
 * (docker/check.sh starts the image's layered layout and runs nginx -t.)
 */
class DockerFilesTest {

    @Test
    @SuppressWarnings("unchecked")
    void composeRunsTwoNodesOnOneDatabaseAndOneRedisBehindALoadBalancer() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker/docker-compose.yml")));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");

        assertThat(services)
                .containsOnlyKeys(
                        "postgres", "redis", "app1", "app2", "lb", "monitoring-user", "prometheus", "grafana");
        for (String node : List.of("app1", "app2")) {
            Map<String, Object> app = services.get(node);
            Map<String, Object> build = (Map<String, Object>) app.get("build");
            assertThat(build).containsEntry("dockerfile", "docker/Dockerfile").containsEntry("context", "..");
            Map<String, Object> env = (Map<String, Object>) app.get("environment");
            assertThat(env)
                    .containsEntry("SPRING_PROFILES_ACTIVE", "postgres")
                    .containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/account_opening")
                    .containsEntry("ACCOUNT_OPENING_DEDUP_STORE", "redis")
                    .containsEntry("SPRING_DATA_REDIS_HOST", "redis");
        }
        Map<String, Object> postgres = services.get("postgres");
        assertThat((Map<String, Object>) postgres.get("environment")).containsEntry("POSTGRES_DB", "account_opening");
        assertThat((List<String>) services.get("lb").get("ports")).containsExactly("8080:80");
        assertThat((List<String>) services.get("lb").get("volumes")).anyMatch(v -> v.startsWith("./nginx.conf:"));
        assertThat(Files.readString(Path.of("docker/nginx.conf"))).contains("server app1:8080", "server app2:8080");
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeStartsPrometheusOnTheNodesAndGrafanaWithTheProvisionedDashboard() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker/docker-compose.yml")));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");

        assertThat((List<String>) services.get("prometheus").get("volumes"))
                .contains("./prometheus:/etc/prometheus:ro");
        assertThat((List<String>) services.get("prometheus").get("command"))
                .contains("--config.file=/etc/prometheus/prometheus.yml");
        Map<String, Object> prometheus = new Yaml().load(Files.readString(Path.of("docker/prometheus/prometheus.yml")));
        assertThat((List<String>) prometheus.get("rule_files")).containsExactly("alerts.yml");
        Map<String, Object> scrape = ((List<Map<String, Object>>) prometheus.get("scrape_configs")).get(0);
        assertThat(scrape).containsEntry("metrics_path", "/actuator/prometheus");
        assertThat(((List<Map<String, List<String>>>) scrape.get("static_configs"))
                        .get(0)
                        .get("targets"))
                .containsExactlyInAnyOrder("app1:8080", "app2:8080");

        assertThat((List<String>) services.get("grafana").get("volumes"))
                .contains(
                        "./grafana/provisioning:/etc/grafana/provisioning:ro",
                        "./grafana/dashboards:/var/lib/grafana/dashboards:ro");
        Map<String, Object> datasources =
                new Yaml().load(Files.readString(Path.of("docker/grafana/provisioning/datasources/prometheus.yml")));
        assertThat(((List<Map<String, Object>>) datasources.get("datasources")).get(0))
                .containsEntry("uid", "prometheus")
                .containsEntry("url", "http://prometheus:9090");
        Map<String, Object> providers = new Yaml()
                .load(Files.readString(Path.of("docker/grafana/provisioning/dashboards/account-opening.yml")));
        assertThat(((List<Map<String, Map<String, Object>>>) providers.get("providers"))
                        .get(0)
                        .get("options"))
                .containsEntry("path", "/var/lib/grafana/dashboards");
        assertThat(Files.readString(Path.of("docker/grafana/dashboards/account-opening.json")))
                .contains("\"uid\": \"prometheus\"");
    }

    @Test
    @SuppressWarnings("unchecked")
    void prometheusScrapesAsAUserOfGroupMonitoringThatComposeCreates() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker/docker-compose.yml")));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        Map<String, Object> prometheus = new Yaml().load(Files.readString(Path.of("docker/prometheus/prometheus.yml")));
        Map<String, String> auth = (Map<String, String>) ((List<Map<String, Object>>) prometheus.get("scrape_configs"))
                .get(0)
                .get("basic_auth");

        assertThat(auth.get("username")).isNotEqualTo("demo");
        Map<String, Object> creator = services.get("monitoring-user");
        String script = String.join(" ", (List<String>) creator.get("command"));
        assertThat(script)
                .contains(
                        "/engine-rest/user/create",
                        "\"id\":\"" + auth.get("username") + "\"",
                        "\"password\":\"" + auth.get("password") + "\"",
                        "/engine-rest/group/monitoring/members/" + auth.get("username"));
        assertThat((Map<String, Map<String, String>>) services.get("prometheus").get("depends_on"))
                .containsEntry("monitoring-user", Map.of("condition", "service_completed_successfully"));
    }

    @Test
    void theBuildCommandInTheCommentsSkipsTheTests() throws IOException {
        for (String file : List.of("docker/Dockerfile", "docker/docker-compose.yml")) {
            assertThat(Files.readString(Path.of(file)))
                    .as(file)
                    .contains("mvn -B -DskipTests package")
                    .doesNotContainPattern("mvn -B package\\b");
        }
    }

    @Test
    void theImageRunsTheJarTheBuildMakesAsANonRootUserWithAHealthCheckAndCarriesItsSbom() throws IOException {
        String dockerfile = Files.readString(Path.of("docker/Dockerfile"));
        String pom = Files.readString(Path.of("pom.xml"));

        assertThat(pom).contains("<finalName>account-opening</finalName>");
        assertThat(dockerfile)
                .contains("COPY target/account-opening.jar application.jar")
                .contains("COPY target/account-opening.cdx.json application.cdx.json")
                .contains("COPY --from=layers /build/application.cdx.json sbom/account-opening.cdx.json")
                .contains("extract --layers --launcher")
                .contains("USER app")
                .contains("HEALTHCHECK")
                .contains("/actuator/health")
                .contains(
                        "ENTRYPOINT [\"java\", \"-XX:MaxRAMPercentage=75\", \"org.springframework.boot.loader.launch.JarLauncher\"]");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theNodesTakeTheClientAddressFromTheLoadBalancerAndFromNoOneElse() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker/docker-compose.yml")));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        Map<String, Map<String, Object>> lbNetworks =
                (Map<String, Map<String, Object>>) services.get("lb").get("networks");
        String lbAddress = (String) lbNetworks.get("default").get("ipv4_address");

        for (String node : List.of("app1", "app2")) {
            String trusted = (String) ((Map<String, Object>) services.get(node).get("environment"))
                    .get("SERVER_TOMCAT_REMOTEIP_INTERNALPROXIES");
            assertThat(lbAddress).matches(trusted);
            assertThat("172.30.80.11").doesNotMatch(trusted);
        }
        assertThat(Files.readString(Path.of("docker/nginx.conf"))).contains("proxy_set_header X-Forwarded-For");
    }
}
