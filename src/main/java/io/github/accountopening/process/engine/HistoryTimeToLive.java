package io.github.accountopening.process.engine;

import static io.github.accountopening.process.AccountOpeningProcess.DECISION_MODE;
import static io.github.accountopening.process.AccountOpeningProcess.KEY;

import io.github.accountopening.config.AccountOpeningProperties;
import java.util.Objects;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Gives every deployed version of the process and of the decision the time to live of
 * {@code account-opening.history.time-to-live}. The models carry 180 days for Camunda Modeler and for
 * the deployment; an unchanged model is not deployed again, so the property is applied here, once the
 * engine has deployed them, on every start. An instance's history is removed that long after the
 * instance ended (removal-time strategy {@code end}); a decision version deployed over REST keeps its own
 * time to live until the next start.
 */
@Component
class HistoryTimeToLive {

    private static final Logger log = LoggerFactory.getLogger(HistoryTimeToLive.class);

    private final RepositoryService repository;
    private final int days;

    HistoryTimeToLive(RepositoryService repository, AccountOpeningProperties properties) {
        this.repository = repository;
        this.days = Math.toIntExact(properties.history().timeToLive().toDays());
    }

    @EventListener(ApplicationReadyEvent.class)
    void apply() {
        for (ProcessDefinition definition : repository
                .createProcessDefinitionQuery()
                .processDefinitionKey(KEY)
                .list()) {
            if (!Objects.equals(definition.getHistoryTimeToLive(), days)) {
                repository.updateProcessDefinitionHistoryTimeToLive(definition.getId(), days);
                log.info("History time to live of {} version {}: {} days", KEY, definition.getVersion(), days);
            }
        }
        for (DecisionDefinition definition : repository
                .createDecisionDefinitionQuery()
                .decisionDefinitionKey(DECISION_MODE)
                .list()) {
            if (!Objects.equals(definition.getHistoryTimeToLive(), days)) {
                repository.updateDecisionDefinitionHistoryTimeToLive(definition.getId(), days);
                log.info(
                        "History time to live of {} version {}: {} days", DECISION_MODE, definition.getVersion(), days);
            }
        }
    }
}
