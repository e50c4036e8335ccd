package io.github.accountopening.identity;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Definitions;
import org.camunda.bpm.model.dmn.instance.LiteralExpression;
import org.camunda.bpm.model.dmn.instance.UnaryTests;
import org.camunda.bpm.model.xml.ModelException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Only {@code camunda-admin} deploys what runs code. A process model runs expressions and scripts
 * with the application's rights (any bean, any table); a decision table in FEEL and a form cannot.
 * So a deployment by anyone else may hold decision tables whose expressions are all FEEL, and forms,
 * and nothing more; otherwise it is refused with 403 before anything is stored. Deployments made by
 * the application itself (the models it ships) have no user and pass.
 */
@Component
class DeploymentGuard extends AbstractProcessEnginePlugin implements Deployer {

    private static final List<String> DECISIONS = List.of(".dmn", ".dmn11.xml");
    private static final String FORMS = ".form";

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<Deployer> preDeployers = new ArrayList<>();
        if (configuration.getCustomPreDeployers() != null) {
            preDeployers.addAll(configuration.getCustomPreDeployers());
        }
        preDeployers.add(this);
        configuration.setCustomPreDeployers(preDeployers);
    }

    @Override
    public void deploy(DeploymentEntity deployment) {
        CommandContext command = Context.getCommandContext();
        Authentication user = command == null ? null : command.getAuthentication();
        if (!deployment.isNew()
                || user == null
                || user.getUserId() == null
                || (user.getGroupIds() != null && user.getGroupIds().contains(Roles.ADMIN))) {
            return;
        }
        for (ResourceEntity resource : deployment.getResources().values()) {
            String refusal = refusal(resource.getName(), resource.getBytes());
            if (refusal != null) {
                throw new AuthorizationException("User '" + user.getUserId() + "' may not deploy " + refusal
                        + ": only " + Roles.ADMIN
                        + " deploys what runs with the application's rights. Others may deploy "
                        + "decision tables written in FEEL (.dmn) and forms (.form).");
            }
        }
    }

    /** Why a resource needs {@code camunda-admin}, or null when anyone allowed to deploy may. */
    static @Nullable String refusal(String name, byte[] content) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(FORMS)) {
            return null;
        }
        if (DECISIONS.stream().noneMatch(lower::endsWith)) {
            return "'" + name + "'"
                    + (lower.endsWith(".bpmn") || lower.endsWith(".bpmn20.xml")
                            ? " (a process model runs expressions with the application's rights)"
                            : "");
        }
        String language;
        try {
            language = nonFeelLanguage(Dmn.readModelFromStream(new ByteArrayInputStream(content)));
        } catch (ModelException e) {
            return null; // not a decision table at all: the engine's own parser refuses it, for everyone alike
        }
        return language == null
                ? null
                : "'" + name + "' (it uses the expression language '" + language
                        + "', which can reach the application)";
    }

    private static @Nullable String nonFeelLanguage(DmnModelInstance model) {
        return Stream.concat(
                        Stream.concat(
                                model.getModelElementsByType(Definitions.class).stream()
                                        .map(Definitions::getExpressionLanguage),
                                model.getModelElementsByType(LiteralExpression.class).stream()
                                        .map(LiteralExpression::getExpressionLanguage)),
                        model.getModelElementsByType(UnaryTests.class).stream().map(UnaryTests::getExpressionLanguage))
                .filter(Objects::nonNull)
                .filter(language -> !language.toLowerCase(Locale.ROOT).contains("feel"))
                .findFirst()
                .orElse(null);
    }
}
