package io.github.accountopening.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP requests sent from a chosen local address (127.0.0.2, 127.0.0.3, ... are this machine's own), as
 * clients on other hosts or a proxy in front of the application would send them. java.net.http cannot
 * pick its local address, so this writes HTTP/1.0 on a plain socket (no chunked answers to decode).
 */
public final class FromAddress {

    private final InetAddress local;
    private final int port;

    public FromAddress(String localAddress, int port) {
        try {
            this.local = InetAddress.getByName(localAddress);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.port = port;
    }

    public record Answer(int status, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }

        public List<String> all(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }
    }

    public Answer get(String path, Map<String, String> headers) {
        return send("GET", path, headers, null);
    }

    public Answer send(String method, String path, Map<String, String> headers, String body) {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder request =
                new StringBuilder(method + " " + path + " HTTP/1.0\r\nHost: localhost:" + port + "\r\n");
        headers.forEach(
                (name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        if (body != null) {
            request.append("Content-Length: ").append(content.length).append("\r\n");
        }
        request.append("\r\n");
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port, local, 0)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            return parse(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Answer parse(InputStream in) throws IOException {
        String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        int end = raw.indexOf("\r\n\r\n");
        String[] head = raw.substring(0, end).split("\r\n");
        int status = Integer.parseInt(head[0].split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < head.length; i++) {
            int colon = head[i].indexOf(':');
            headers.computeIfAbsent(head[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(head[i].substring(colon + 1).trim());
        }
        return new Answer(status, headers, raw.substring(end + 4));
    }
}
