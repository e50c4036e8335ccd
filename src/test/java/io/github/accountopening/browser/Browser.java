package io.github.accountopening.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium, driven through Debian's chromium-driver at fixed paths: nothing is downloaded.
 * Every step can be kept as a screenshot under target/browser.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target/browser");

    final WebDriver driver;
    private final WebDriverWait wait;

    Browser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1440,1000",
                "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver")))
                .build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(60));
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement find(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    void click(By by) {
        WebElement element = wait.until(ExpectedConditions.elementToBeClickable(by));
        ((org.openqa.selenium.JavascriptExecutor) driver)
                .executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
        try {
            wait.until(ExpectedConditions.elementToBeClickable(element)).click();
        } catch (org.openqa.selenium.ElementClickInterceptedException e) {
            // Tasklist's form scrolls inside a panel of its own: a sticky header can sit over the field
            new org.openqa.selenium.interactions.Actions(driver)
                    .moveToElement(element)
                    .click()
                    .perform();
        }
    }

    /**
     * Picks an entry of an open form-js dropdown. It reacts to the mouse button going down, and closes
     * as soon as the page scrolls or the field loses focus, so the press is given to the entry itself.
     */
    void pick(By by) {
        WebElement item = wait.until(ExpectedConditions.presenceOfElementLocated(by));
        ((org.openqa.selenium.JavascriptExecutor) driver)
                .executeScript(
                        "for (const type of ['mousedown', 'mouseup', 'click']) {"
                                + " arguments[0].dispatchEvent(new MouseEvent(type, {bubbles: true, cancelable: true, button: 0})); }",
                        item);
    }

    void type(By by, String text) {
        WebElement field = find(by);
        ((org.openqa.selenium.JavascriptExecutor) driver)
                .executeScript("arguments[0].scrollIntoView({block: 'center'});", field);
        field.clear();
        field.sendKeys(text);
    }

    String textOf(By by) {
        return find(by).getText();
    }

    void waitForText(By by, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    /** Logs in to a Camunda webapp through its own login form. */
    void login(String baseUrl, String app, String user, String password) {
        open(baseUrl + "/camunda/app/" + app + "/default/");
        type(By.cssSelector("input[ng-model='username']"), user);
        type(By.cssSelector("input[ng-model='password']"), password);
        click(By.cssSelector("button[type='submit']"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("input[ng-model='password']")));
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.copy(
                    ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(),
                    SCREENSHOTS.resolve(name + ".png"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(SCREENSHOTS.resolve(name + ".html"), driver.getPageSource());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
