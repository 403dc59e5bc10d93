package dev.gatehouse.admin.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts failed console sign-ins per account and per client address and decides, before a password is checked,
 * whether an attempt may go ahead (rules in {@link SignInProperties}). An attempt that goes ahead counts as pending
 * until it ends, so that parallel attempts cannot all slip through before the first failure is counted.
 * <p>
 * State is kept in this admin instance's memory, bounded by {@code max-tracked}; several admin instances each
 * count on their own. One lock guards everything: sign-ins are rare and each step is a few map operations.
 */
final class SignInThrottle {

    /**
     * The answer to an attempt.
     *
     * @param allowed      whether the password may be checked
     * @param retryAt      when a refused attempt may be tried again ({@code null} when allowed)
     * @param firstRefusal the first refusal since the last failure counted: worth recording, later ones are not
     */
    record Verdict(boolean allowed, Instant retryAt, boolean firstRefusal) {

        static final Verdict ALLOWED = new Verdict(true, null, false);
    }

    private final SignInProperties settings;
    private final Clock clock;
    private final Map<String, Counter> accounts = new HashMap<>();
    private final Map<String, Counter> addresses = new HashMap<>();

    SignInThrottle(SignInProperties settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** Decides whether this attempt may check its password; when allowed it is pending until ended. */
    synchronized Verdict begin(String account, String address) {
        Instant now = clock.instant();
        Counter byAccount = accounts.get(account);
        Counter byAddress = addresses.get(address);
        Instant accountRetry = byAccount == null ? null : byAccount.retryAt(now, settings);
        Instant addressRetry = byAddress == null ? null : byAddress.retryAt(now, settings);
        if (accountRetry != null || addressRetry != null) {
            boolean first = false;
            if (accountRetry != null) {
                first |= byAccount.markRefused();
            }
            if (addressRetry != null) {
                first |= byAddress.markRefused();
            }
            return new Verdict(false, later(accountRetry, addressRetry), first);
        }
        if ((byAccount == null || byAddress == null) && !room(now, (byAccount == null ? 1 : 0)
                + (byAddress == null ? 1 : 0))) {
            // full of live entries: refuse rather than forget someone's failures
            return new Verdict(false, now.plus(Duration.ofMinutes(1)), false);
        }
        accounts.computeIfAbsent(account, k -> new Counter()).start(now);
        addresses.computeIfAbsent(address, k -> new Counter()).start(now);
        return Verdict.ALLOWED;
    }

    /** The allowed attempt failed: counts against the account and the address, and may lock either. */
    synchronized void failed(String account, String address) {
        Instant now = clock.instant();
        counter(accounts, account).fail(now, settings.accountLockAfter(), settings.lockDuration());
        counter(addresses, address).fail(now, settings.addressLockAfter(), settings.lockDuration());
    }

    /** The allowed attempt succeeded: the account starts afresh; the address keeps its failures. */
    synchronized void succeeded(String account, String address) {
        accounts.remove(account);
        Counter byAddress = addresses.get(address);
        if (byAddress != null) {
            byAddress.end();
            if (byAddress.idle(clock.instant(), settings)) {
                addresses.remove(address);
            }
        }
    }

    /** The allowed attempt ended without an answer (an error, not a wrong password): no longer pending. */
    synchronized void abandoned(String account, String address) {
        Counter byAccount = accounts.get(account);
        if (byAccount != null) {
            byAccount.end();
        }
        Counter byAddress = addresses.get(address);
        if (byAddress != null) {
            byAddress.end();
        }
    }

    /** Forgets accounts and addresses that no longer hold anything back; run regularly and when full. */
    synchronized void sweep() {
        Instant now = clock.instant();
        accounts.values().removeIf(c -> c.idle(now, settings));
        addresses.values().removeIf(c -> c.idle(now, settings));
    }

    /** Number of accounts and addresses tracked (for tests and the memory bound). */
    synchronized int tracked() {
        return accounts.size() + addresses.size();
    }

    private boolean room(Instant now, int needed) {
        if (tracked() + needed <= settings.maxTracked()) {
            return true;
        }
        sweep();
        return tracked() + needed <= settings.maxTracked();
    }

    private static Counter counter(Map<String, Counter> map, String key) {
        return map.computeIfAbsent(key, k -> new Counter());
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    /** Failures of one account or address within the window, attempts under way, and a lock. */
    private static final class Counter {

        private final ArrayDeque<Instant> failures = new ArrayDeque<>();
        private int pending;
        private Instant last;
        private Instant lockedUntil;
        private boolean refusalRecorded;

        Instant retryAt(Instant now, SignInProperties settings) {
            prune(now, settings.window());
            if (lockedUntil != null) {
                if (now.isBefore(lockedUntil)) {
                    return lockedUntil;
                }
                lockedUntil = null;
            }
            int counted = failures.size() + pending;
            if (counted < settings.delayAfter() || last == null) {
                return null;
            }
            Instant allowedAt = last.plus(delay(counted - settings.delayAfter(), settings));
            return now.isBefore(allowedAt) ? allowedAt : null;
        }

        static Duration delay(int doublings, SignInProperties settings) {
            Duration delay = settings.initialDelay();
            for (int i = 0; i < doublings && delay.compareTo(settings.maxDelay()) < 0; i++) {
                delay = delay.multipliedBy(2);
            }
            return delay.compareTo(settings.maxDelay()) > 0 ? settings.maxDelay() : delay;
        }

        boolean markRefused() {
            boolean first = !refusalRecorded;
            refusalRecorded = true;
            return first;
        }

        void start(Instant now) {
            pending++;
            last = now;
        }

        void end() {
            if (pending > 0) {
                pending--;
            }
        }

        void fail(Instant now, int lockAfter, Duration lockDuration) {
            end();
            failures.addLast(now);
            last = now;
            refusalRecorded = false;
            if (failures.size() >= lockAfter) {
                lockedUntil = now.plus(lockDuration);
                failures.clear();
            }
        }

        boolean idle(Instant now, SignInProperties settings) {
            prune(now, settings.window());
            return pending == 0 && failures.isEmpty() && (lockedUntil == null || !now.isBefore(lockedUntil));
        }

        private void prune(Instant now, Duration window) {
            Instant oldest = now.minus(window);
            while (!failures.isEmpty() && !failures.peekFirst().isAfter(oldest)) {
                failures.removeFirst();
            }
        }
    }
}
