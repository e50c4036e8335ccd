package io.github.accountopening.identity;

import io.github.accountopening.config.UnsafeProductionConfigurationException;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Under {@code prod}, refuses to start while HTTP Basic is on and a {@code demo} user is left in
 * Camunda's user table (a database carried over from a trial): its password is in every README.
 */
@Component
@Profile("prod")
class NoDemoUserInProduction implements InitializingBean {

    static final String DEMO = "demo";

    private final IdentityService identity;
    private final IdentityProperties properties;

    NoDemoUserInProduction(IdentityService identity, IdentityProperties properties) {
        this.identity = identity;
        this.properties = properties;
    }

    @Override
    public void afterPropertiesSet() {
        if (properties.basicEnabled() && identity.createUserQuery().userId(DEMO).count() > 0) {
            throw new UnsafeProductionConfigurationException(List.of("user '" + DEMO + "' exists in Camunda's user "
                    + "table while HTTP Basic is on (account-opening.security.basic-enabled): delete it in Admin, "
                    + "or set ACCOUNT_OPENING_SECURITY_BASICENABLED=false"));
        }
    }
}
