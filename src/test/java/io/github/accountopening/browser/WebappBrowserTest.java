package io.github.accountopening.browser;

import io.github.accountopening.support.Api;
import io.github.accountopening.support.FreePortInitializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.ContextConfiguration;

/** The application on a port of its own, its API, and a fresh browser for every test. */
@ContextConfiguration(initializers = FreePortInitializer.class)
abstract class WebappBrowserTest {

    @Value("${server.port}")
    int port;

    Api api;
    String baseUrl;
    Browser browser;

    @BeforeEach
    void open() {
        api = new Api(port);
        baseUrl = "http://localhost:" + port;
        browser = new Browser();
    }

    @AfterEach
    void close() {
        browser.close();
    }
}
