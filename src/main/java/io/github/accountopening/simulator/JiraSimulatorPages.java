package io.github.accountopening.simulator;

import java.util.Objects;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/** The page {@code /browse/{key}} that Jira shows a person for an issue, so the ops form's link leads somewhere. */
@RestController
@ConditionalOnProperty(name = "simulator.enabled", havingValue = "true")
class JiraSimulatorPages {

    private final JiraSimulator jira;

    JiraSimulatorPages(JiraSimulator jira) {
        this.jira = jira;
    }

    @GetMapping(path = "/simulator/jira/browse/{key}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> issue(@PathVariable String key) {
        return jira.withKey(key)
                .map(issue ->
                        ResponseEntity.ok("<!doctype html><title>" + HtmlUtils.htmlEscape(issue.key()) + "</title><h1>"
                                + HtmlUtils.htmlEscape(issue.key() + ": " + issue.summary()) + "</h1><pre>"
                                + HtmlUtils.htmlEscape(Objects.requireNonNullElse(issue.description(), "")) + "</pre>"))
                .orElse(ResponseEntity.status(404)
                        .contentType(MediaType.TEXT_HTML)
                        .body("<!doctype html><title>Issue does not exist</title><h1>Issue does not exist</h1>"));
    }
}
