package io.github.accountopening.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * The webapps' login form (Cockpit, Tasklist, Admin) under the same throttle as HTTP Basic: Camunda's own
 * per-user delay and lock are off, since they let anyone lock a service account out.
 * Reads the form's user name from the body and hands the body on unread, so the webapps still see it
 * (asking the container for the parameters would leave Jersey without them).
 */
class WebappLoginThrottleFilter extends OncePerRequestFilter {

    /** A login form is a user name and a password: anything longer is refused, never passed on unthrottled. */
    private static final int MAX_FORM = 8 * 1024;

    private final LoginThrottle throttle;
    private final ObjectMapper json;

    WebappLoginThrottleFilter(LoginThrottle throttle, ObjectMapper json) {
        this.throttle = throttle;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod())
                || !UrlPathHelper.defaultInstance
                        .getPathWithinApplication(request)
                        .contains("/login/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getQueryString() != null) {
            // The webapps would read a user name from the query too, where this throttle would not see it.
            WebSecurity.camundaError(
                    response,
                    json,
                    HttpStatus.BAD_REQUEST,
                    "InvalidRequestException",
                    "a login sends its user name and password in the form body, not in the query");
            return;
        }
        byte[] body = request.getInputStream().readNBytes(MAX_FORM + 1);
        HttpServletRequest replayed = new Replayed(request, body);
        if (body.length > MAX_FORM) {
            WebSecurity.camundaError(
                    response,
                    json,
                    HttpStatus.PAYLOAD_TOO_LARGE,
                    "InvalidRequestException",
                    "a login form holds a user name and a password: at most " + MAX_FORM + " bytes");
            return;
        }
        String user =
                formField(new String(body, StandardCharsets.UTF_8), "username").orElse("");
        String address = request.getRemoteAddr();
        Lock oneAtATime = throttle.lockFor(address, user);
        oneAtATime.lock();
        try {
            Optional<java.time.Duration> wait = throttle.refusal(address, user);
            if (wait.isPresent()) {
                long seconds = LoginThrottledException.seconds(wait.get());
                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
                WebSecurity.camundaError(
                        response,
                        json,
                        HttpStatus.TOO_MANY_REQUESTS,
                        "AuthenticationException",
                        LoginThrottledException.message(user, seconds));
                return;
            }
            chain.doFilter(replayed, response);
            if (response.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
                throttle.failed(address, user);
            } else if (response.getStatus() == HttpStatus.OK.value()) {
                throttle.succeeded(address, user);
            }
        } finally {
            oneAtATime.unlock();
        }
    }

    static Optional<String> formField(String form, String name) {
        try {
            return Arrays.stream(form.split("&"))
                    .map(pair -> pair.split("=", 2))
                    .filter(pair -> pair.length == 2
                            && URLDecoder.decode(pair[0], StandardCharsets.UTF_8)
                                    .equals(name))
                    .map(pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8))
                    .findFirst();
        } catch (IllegalArgumentException malformed) {
            return Optional.empty(); // the webapps refuse such a form too, and the failure counts for this address
        }
    }

    /** The request with its body read once here and again by whoever comes next. */
    private static final class Replayed extends HttpServletRequestWrapper {
        private final byte[] body;

        Replayed(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            ServletInputStream rest = super.getInputStream();
            ByteArrayInputStream read = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() throws IOException {
                    int b = read.read();
                    return b >= 0 ? b : rest.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    if (length == 0) {
                        return 0;
                    }
                    int n = read.read(buffer, offset, length);
                    return n > 0 ? n : rest.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return read.available() == 0 && rest.isFinished();
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the login form is read blocking");
                }
            };
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding() == null ? StandardCharsets.UTF_8.name() : getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(getInputStream(), encoding));
        }
    }
}
