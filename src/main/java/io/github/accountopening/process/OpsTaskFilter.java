package io.github.accountopening.process;

import static io.github.accountopening.process.AccountOpeningProcess.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tasklist's shared filter for ops, made the first time the engine starts (a filter that exists is left as an
 * administrator may have changed it): every ops task, claimed or not, oldest first, with the request id,
 * market, customer and Jira ticket beside each one. Group {@code ops} reads every filter.
 */
@Component
class OpsTaskFilter extends AbstractProcessEnginePlugin {

    static final String NAME = "Account openings to resolve";

    private static final Logger log = LoggerFactory.getLogger(OpsTaskFilter.class);

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        FilterService filters = engine.getFilterService();
        if (filters.createFilterQuery().filterName(NAME).count() > 0) {
            return;
        }
        Filter filter = filters.newTaskFilter(NAME);
        filter.setQuery(engine.getTaskService()
                .createTaskQuery()
                .taskCandidateGroup(OPS_GROUP)
                .includeAssignedTasks()
                .orderByTaskCreateTime()
                .asc());
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("description", "Stuck openings and contradicting statuses, oldest first");
        properties.put("priority", -10);
        properties.put("refresh", true);
        // Tasklist's list shows the first two beside each task, the rest on demand; the name already says the rest.
        properties.put(
                "variables",
                List.of(
                        Map.of("name", VAR_TICKET_KEY, "label", "Jira ticket"),
                        Map.of("name", VAR_LEGAL_NAME, "label", "Legal name"),
                        Map.of("name", VAR_REQUEST_ID, "label", "Request id"),
                        Map.of("name", VAR_MARKET, "label", "Market")));
        filter.setProperties(properties);
        filters.saveFilter(filter);
        log.info("Created the Tasklist filter '{}' for group {}", NAME, OPS_GROUP);
    }
}
