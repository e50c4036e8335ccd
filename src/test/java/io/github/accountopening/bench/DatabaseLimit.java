package io.github.accountopening.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The database's own rate for the work of one first delivery: the statements the acknowledgement
 * commits, in the same order, over plain JDBC from as many clients as the load generator has, on the
 * application's own database, tables and indexes. Nothing else runs in those transactions: no
 * request, no ORM, no engine, so the figure is what PostgreSQL does alone on this machine.
 * <ol>
 *   <li>lock the record's row ({@code SELECT ... FOR UPDATE}),</li>
 *   <li>append the audit event,</li>
 *   <li>read the process instance the wake-up belongs to,</li>
 *   <li>insert the wake-up job and its history row,</li>
 *   <li>update the record,</li>
 *   <li>commit.</li>
 * </ol>
 * Its records are its own ({@code req-limit-*}) and its jobs are suspended, so the application's job
 * executor never sees them; everything it wrote is removed afterwards.
 */
final class DatabaseLimit {

    private static final String PREFIX = "req-limit-";

    private DatabaseLimit() {}

    /** Transactions a second, {@code clients} at a time, {@code transactions} in all. */
    static double rate(String url, int clients, int transactions) throws Exception {
        String run = PREFIX + UUID.randomUUID().toString().substring(0, 8) + "-";
        String execution = anyExecution(url);
        try (Connection c = connect(url);
                PreparedStatement insert = c.prepareStatement("""
                insert into account_opening (request_id, customer_id, market, customer_type, legal_name, mode, status,
                    process_instance_id, created_at, updated_at)
                values (?, 'C-limit', 'NL', 'COMPANY', 'Limit B.V.', 'ASYNC', 'IN_PROGRESS', ?, now(), now())""")) {
            for (int i = 0; i < transactions; i++) {
                insert.setString(1, run + i);
                insert.setString(2, execution);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> done = new ArrayList<>();
        long start = System.nanoTime();
        for (int w = 0; w < clients; w++) {
            done.add(pool.submit(() -> {
                try (Connection c = connect(url)) {
                    c.setAutoCommit(false);
                    Ack ack = new Ack(c);
                    for (int i = next.getAndIncrement(); i < transactions; i = next.getAndIncrement()) {
                        ack.run(run + i, execution);
                        c.commit();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double perSecond = transactions / ((System.nanoTime() - start) / 1e9);
        pool.shutdown();
        cleanUp(url, run);
        return perSecond;
    }

    /** One first delivery's statements, prepared once per connection as the driver keeps them. */
    private static final class Ack {
        final PreparedStatement lock;
        final PreparedStatement event;
        final PreparedStatement instance;
        final PreparedStatement job;
        final PreparedStatement jobLog;
        final PreparedStatement update;

        Ack(Connection c) throws SQLException {
            lock = c.prepareStatement("""
                    select request_id, customer_id, market, customer_type, legal_name, mode, status, provider_status,
                           tracking_id, iban, bic, rejection_reason, card_id, ticket_key, process_instance_id,
                           created_at, updated_at, ticket_requested_at
                    from account_opening where request_id = ? for update""");
            event = c.prepareStatement("""
                    insert into account_opening_event (request_id, recorded_at, source, webhook_id, status, outcome)
                    values (?, ?, 'WEBHOOK', ?, 'COMPLETED', 'APPLIED')""", Statement.RETURN_GENERATED_KEYS);
            instance = c.prepareStatement("select * from ACT_RU_EXECUTION where ID_ = ?");
            job = c.prepareStatement("""
                    insert into ACT_RU_JOB (ID_, REV_, TYPE_, EXCLUSIVE_, EXECUTION_ID_, PROCESS_INSTANCE_ID_, ROOT_PROC_INST_ID_,
                        PROCESS_DEF_ID_, PROCESS_DEF_KEY_, RETRIES_, HANDLER_TYPE_, HANDLER_CFG_, SUSPENSION_STATE_, PRIORITY_,
                        SEQUENCE_COUNTER_, CREATE_TIME_)
                    values (?, 1, 'message', true, ?, ?, ?, 'limit', 'account-opening', 3, 'account-opening-limit', ?, 2, 0, 1, ?)""");
            jobLog = c.prepareStatement("""
                    insert into ACT_HI_JOB_LOG (ID_, TIMESTAMP_, JOB_ID_, JOB_RETRIES_, JOB_PRIORITY_, JOB_STATE_, JOB_DEF_TYPE_,
                        EXECUTION_ID_, ROOT_PROC_INST_ID_, PROCESS_INSTANCE_ID_, PROCESS_DEF_ID_, PROCESS_DEF_KEY_,
                        SEQUENCE_COUNTER_, HOSTNAME_)
                    values (?, ?, ?, 3, 0, 0, 'account-opening-limit', ?, ?, ?, 'limit', 'account-opening', 1, 'limit')""");
            update = c.prepareStatement("""
                    update account_opening set status = 'COMPLETED', provider_status = 'COMPLETED', iban = 'NL91ABNA0417164300',
                        bic = 'ABNANL2A', rejection_reason = null, tracking_id = tracking_id, card_id = card_id,
                        ticket_key = ticket_key, updated_at = ? where request_id = ?""");
        }

        void run(String requestId, String execution) throws SQLException {
            Timestamp now = Timestamp.from(Instant.now());
            lock.setString(1, requestId);
            try (ResultSet r = lock.executeQuery()) {
                r.next();
            }
            event.setString(1, requestId);
            event.setTimestamp(2, now);
            event.setString(3, "msg_" + requestId);
            event.executeUpdate();
            try (ResultSet keys = event.getGeneratedKeys()) {
                keys.next();
            }
            instance.setString(1, execution);
            try (ResultSet r = instance.executeQuery()) {
                r.next();
            }
            String jobId = UUID.randomUUID().toString();
            job.setString(1, jobId);
            job.setString(2, execution);
            job.setString(3, execution);
            job.setString(4, execution);
            job.setString(5, requestId);
            job.setTimestamp(6, now);
            job.executeUpdate();
            jobLog.setString(1, UUID.randomUUID().toString());
            jobLog.setTimestamp(2, now);
            jobLog.setString(3, jobId);
            jobLog.setString(4, execution);
            jobLog.setString(5, execution);
            jobLog.setString(6, execution);
            jobLog.executeUpdate();
            update.setTimestamp(1, now);
            update.setString(2, requestId);
            update.executeUpdate();
        }
    }

    /** A process instance of the application's, so that the look-up finds a real row. */
    private static String anyExecution(String url) throws SQLException {
        try (Connection c = connect(url);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select ID_ from ACT_RU_EXECUTION limit 1")) {
            return r.next() ? r.getString(1) : "none";
        }
    }

    private static void cleanUp(String url, String run) throws SQLException {
        try (Connection c = connect(url);
                Statement s = c.createStatement();
                PreparedStatement events =
                        c.prepareStatement("delete from account_opening_event where request_id like ?");
                PreparedStatement records = c.prepareStatement("delete from account_opening where request_id like ?")) {
            s.executeUpdate("delete from ACT_HI_JOB_LOG where JOB_DEF_TYPE_ = 'account-opening-limit'");
            s.executeUpdate("delete from ACT_RU_JOB where HANDLER_TYPE_ = 'account-opening-limit'");
            events.setString(1, run + "%");
            events.executeUpdate();
            records.setString(1, run + "%");
            records.executeUpdate();
        }
    }

    private static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, "postgres", "postgres");
    }
}
