# MADE event streams for tests/RuleGen.Tests/Data/newuser (ECS documents shaped as Elastic's Okta, Kubernetes and
# System integrations index them). Regenerate: python3 gen.py OUTDIR
import json, sys, datetime as dt
out = sys.argv[1]
def iso(t): return t.strftime('%Y-%m-%dT%H:%M:%S.') + '%03dZ' % (t.microsecond // 1000)
def at(s): return dt.datetime.strptime(s, '%Y-%m-%dT%H:%M:%S')
S = dt.timedelta(seconds=1)
def write(name, docs):
    with open(f'{out}/{name}', 'w') as f:
        for d in docs: f.write(json.dumps(d, separators=(',', ':')) + '\n')
n = [0]
def okta(t, action, actor, extra=None, category=None, outcome='success', ip='192.0.2.10'):
    n[0] += 1
    d = {'@timestamp': iso(t), 'event': {'ingested': iso(t + 5 * S), 'id': 'okta-%03d' % n[0], 'dataset': 'okta.system', 'module': 'okta',
         'action': action, 'outcome': outcome, 'kind': 'event'},
         'okta': {'event_type': action, 'actor': {'id': actor[0], 'alternate_id': actor[1], 'type': 'User'},
                  'outcome': {'result': 'SUCCESS' if outcome == 'success' else 'FAILURE'}},
         'source': {'ip': ip}, 'user': {'name': actor[1], 'email': actor[1]},
         'data_stream': {'dataset': 'okta.system', 'namespace': 'default', 'type': 'logs'}}
    if category: d['event']['category'] = category
    if extra: d['okta'].update(extra)
    return d
A = ('00u1alice', 'alice@example.com'); B = ('00u2bob', 'bob@example.com'); C = ('00u3carol', 'carol@example.com')
D = ('00u4dave', 'dave@example.com'); E = ('00u5eve', 'eve@example.com')
# Lock-outs (threshold okta.actor.alternate_id >= 3 in 180m)
locks = [okta(at(s), 'user.account.lock', a) for s, a in [
    ('2024-06-02T10:01:00', A), ('2024-06-02T10:31:00', A), ('2024-06-02T11:02:00', A),
    ('2024-06-02T10:20:00', B), ('2024-06-02T10:40:00', B),
    ('2024-06-02T08:00:00', C), ('2024-06-02T10:00:00', C), ('2024-06-02T11:01:00', C),
    ('2024-06-02T12:00:00', A), ('2024-06-02T12:10:00', A),
]]
locks.append(okta(at('2024-06-02T11:00:00'), 'user.session.start', D))
write('made-okta-lockouts.ndjson', locks)
# Failed logins (threshold source.ip >= 25 in the default 6m look-back)
fails = []
for i in range(30): fails.append(okta(at('2024-06-02T10:00:00') + i * 5 * S, 'user.session.start', A, category=['authentication'], outcome='failure', ip='198.51.100.9'))
for i in range(24): fails.append(okta(at('2024-06-02T10:00:00') + i * 5 * S, 'user.session.start', B, category=['authentication'], outcome='failure', ip='203.0.113.50'))
fails.append(okta(at('2024-06-02T10:07:00'), 'user.session.start', B, category=['authentication'], outcome='failure', ip='203.0.113.50'))
for i in range(25): fails.append(okta(at('2024-06-02T10:00:00') + i * 5 * S, 'user.session.start', C, category=['authentication'], outcome='success', ip='192.0.2.77'))
write('made-okta-failed-logins.ndjson', fails)
# Sessions via proxy (new_terms okta.actor.id, 7d history)
proxy = lambda s, a, p=True: okta(at(s), 'user.session.start', a, {'security_context': {'is_proxy': p}}, category=['authentication', 'session'])
write('made-okta-proxy-sessions.ndjson', [
    proxy('2024-06-01T09:00:00', A), proxy('2024-06-02T10:01:00', A),
    proxy('2024-06-02T10:02:00', B), proxy('2024-06-02T10:03:00', B),
    proxy('2024-06-02T10:02:30', C, False),
    proxy('2024-05-20T10:00:00', D), proxy('2024-06-02T10:04:00', D),
])
# MFA push denials then SSO (sequence by user.email, maxspan 10m, default 6m look-back)
write('made-okta-mfa-push.ndjson', [
    okta(at('2024-06-02T10:01:00'), 'user.mfa.okta_verify.deny_push', B), okta(at('2024-06-02T10:02:00'), 'user.mfa.okta_verify.deny_push', B),
    okta(at('2024-06-02T10:03:00'), 'user.authentication.sso', B),
    okta(at('2024-06-02T10:20:00'), 'user.mfa.okta_verify.deny_push', E), okta(at('2024-06-02T10:24:00'), 'user.mfa.okta_verify.deny_push', E),
    okta(at('2024-06-02T10:29:00'), 'user.authentication.sso', E),
    okta(at('2024-06-02T10:02:10'), 'user.mfa.okta_verify.deny_push', C), okta(at('2024-06-02T10:03:10'), 'user.authentication.sso', C),
])
# Kubernetes audit (sequence by user.name: RBAC change then workload change, maxspan 5m, event.ingested)
k = [0]
def audit(s, user, groups, verb, resource, decision='allow'):
    k[0] += 1; t = at(s)
    return {'@timestamp': iso(t), 'event': {'ingested': iso(t + 5 * S), 'id': 'k8s-%03d' % k[0], 'dataset': 'kubernetes.audit_logs', 'module': 'kubernetes',
            'kind': 'event'}, 'user': {'name': user},
            'kubernetes': {'audit': {'kind': 'Event', 'verb': verb, 'user': {'username': user, 'groups': groups},
                                     'objectRef': {'resource': resource, 'namespace': 'default', 'apiGroup': 'apps' if resource.endswith('s') and resource not in ('roles', 'clusterroles') else 'rbac.authorization.k8s.io'},
                                     'annotations': {'authorization_k8s_io/decision': decision, 'authorization_k8s_io/reason': ''}}},
            'data_stream': {'dataset': 'kubernetes.audit_logs', 'namespace': 'default', 'type': 'logs'}}
write('made-k8s-audit.ndjson', [
    audit('2024-06-02T10:01:00', 'mallory', ['system:authenticated'], 'patch', 'clusterroles'),
    audit('2024-06-02T10:03:00', 'mallory', ['system:authenticated'], 'create', 'daemonsets'),
    audit('2024-06-02T10:21:00', 'kubeadmin', ['system:authenticated', 'system:masters'], 'update', 'roles'),
    audit('2024-06-02T10:22:00', 'kubeadmin', ['system:authenticated', 'system:masters'], 'patch', 'deployments'),
    audit('2024-06-02T10:31:00', 'ci', ['system:authenticated'], 'create', 'roles', 'forbid'),
    audit('2024-06-02T10:32:00', 'ci', ['system:authenticated'], 'create', 'deployments'),
])
# Linux SSH failures (sequence by host.id, source.ip, user.name with runs=60, maxspan 30s)
l = [0]
def ssh(t, ip, user):
    l[0] += 1
    return {'@timestamp': iso(t), 'event': {'ingested': iso(t + 5 * S), 'id': 'ssh-%03d' % l[0], 'dataset': 'system.auth', 'module': 'system',
            'kind': 'event', 'category': ['authentication'], 'type': ['info'], 'action': 'ssh_login', 'outcome': 'failure'},
            'host': {'id': 'b1d3f6c2a9e84f0d', 'name': 'web-1', 'os': {'type': 'linux'}}, 'source': {'ip': ip, 'port': 40000 + l[0]},
            'user': {'name': user}, 'system': {'auth': {'ssh': {'event': 'Failed', 'method': 'password'}}}, 'process': {'name': 'sshd', 'pid': 812},
            'data_stream': {'dataset': 'system.auth', 'namespace': 'default', 'type': 'logs'}}
base = at('2024-06-02T10:01:00'); ms = dt.timedelta(milliseconds=500)
write('made-linux-ssh.ndjson', [ssh(base + i * ms, '185.220.101.7', 'root') for i in range(60)]
      + [ssh(base + i * ms, '10.0.0.5', 'root') for i in range(60)]
      + [ssh(base + i * ms, '185.220.101.7', 'admin') for i in range(59)])
# Kubernetes self-subject reviews (new_terms user_agent.original, 7d history, event.ingested)
r = [0]
def review(s, user, ua, resource='selfsubjectrulesreviews', decision='allow', impersonated=None):
    r[0] += 1; t = at(s)
    d = {'@timestamp': iso(t), 'event': {'ingested': iso(t + 5 * S), 'id': 'ssr-%03d' % r[0], 'dataset': 'kubernetes.audit_logs', 'module': 'kubernetes',
         'kind': 'event'}, 'user': {'name': user},
         'kubernetes': {'audit': {'kind': 'Event', 'verb': 'create', 'user': {'username': user, 'groups': ['system:authenticated']},
                                  'objectRef': {'resource': resource, 'apiGroup': 'authorization.k8s.io'},
                                  'annotations': {'authorization_k8s_io/decision': decision}}},
         'data_stream': {'dataset': 'kubernetes.audit_logs', 'namespace': 'default', 'type': 'logs'}}
    if ua is not None: d['user_agent'] = {'original': ua}
    if impersonated: d['kubernetes']['audit']['impersonatedUser'] = {'username': impersonated}
    return d
write('made-k8s-self-review.ndjson', [
    review('2024-06-02T10:01:00', 'system:serviceaccount:default:web', 'curl/8.5.0'),
    review('2024-06-02T10:02:00', 'system:node:ip-10-0-1-5', 'curl/8.5.0', 'selfsubjectaccessreviews'),
    review('2024-06-02T10:03:00', 'system:serviceaccount:default:web', 'kubectl/v0.0.0 (linux/amd64) kubernetes/$Format'),
    review('2024-06-02T10:11:00', 'alice', 'python-requests/2.31.0', impersonated='system:serviceaccount:kube-system:default'),
    review('2024-06-02T10:12:00', 'system:serviceaccount:default:web', 'Go-http-client/2.0', decision='forbid'),
    review('2024-06-02T10:13:00', 'system:serviceaccount:default:web', None),
    review('2024-06-02T10:14:00', 'system:serviceaccountx:default:web', 'evil/1.0'),
    review('2024-06-02T10:16:00', 'system:serviceaccount:default:web', 'kubectl/v1.29.0 (linux/amd64) kubernetes/3f7a50f', 'pods'),
])
# Windows Security 4625 (flat EventData names) for the Hayabusa PW Guessing correlation (event_count by IpAddress, 5m, gte 5)
w = [0]
def logon_fail(s, ip, sub='0xc000006a', user='Administrator'):
    w[0] += 1
    return {'@timestamp': s + '.000Z', 'Channel': 'Security', 'EventID': 4625, 'EventRecordID': 6000 + w[0], 'Computer': 'DESKTOP-M5SN04R',
            'TargetUserName': user, 'Status': '0xc000006d', 'SubStatus': sub, 'LogonType': 3, 'IpAddress': ip, 'IpPort': 50000 + w[0],
            'event': {'id': 'win-%03d' % w[0]}}
write('made-windows-4625.ndjson', [logon_fail('2024-06-02T10:0%d:00' % m, '192.168.198.149') for m in (0, 1, 2, 3, 4, 6)]
      + [logon_fail('2024-06-02T10:03:30', '192.168.198.149', sub='0xc0000064', user='nobody')]
      + [logon_fail('2024-06-02T10:0%d:10' % m, '-') for m in range(5)]
      + [logon_fail('2024-06-02T10:0%d:20' % m, '10.1.1.1') for m in range(4)])
