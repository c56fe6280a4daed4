"""Cross-checks on random DAGs: the forward pass against networkx, and the CPM invariants."""

from __future__ import annotations

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.schedule.cpm import Network, critical_chain, free_float, link_weight, solve


@st.composite
def dags(draw, mixed: bool):
    n = draw(st.integers(1, 25))
    dur = draw(st.lists(st.integers(0, 20), min_size=n, max_size=n))
    edges = {}
    for v in range(1, n):
        for u in draw(st.sets(st.integers(0, v - 1), max_size=3)):
            kind = draw(st.sampled_from(["FS", "SS", "FF", "SF"])) if mixed else "FS"
            lag = draw(st.integers(-5, 5)) if mixed else draw(st.integers(0, 5))
            thr = draw(st.sampled_from([1.0, 1.0, 0.3, 0.5]))
            edges[(u, v)] = (kind, lag, thr)
    perm = draw(st.permutations(range(n)))  # task order must not matter
    return n, dur, edges, perm


def network(n, dur, edges, perm):
    d = [0] * n
    for i in range(n):
        d[perm[i]] = dur[i]
    pred, succ, w = [], [], []
    for (u, v), (kind, lag, thr) in edges.items():
        pred.append(perm[u])
        succ.append(perm[v])
        w.append(link_weight(kind, lag, thr, d[perm[u]], d[perm[v]]))
    return Network(d, [None] * n, 0, pred, succ, w)


@settings(max_examples=150, deadline=None)
@given(dags(mixed=False))
def test_fs_forward_pass_equals_networkx_longest_path(g):
    n, dur, edges, perm = g
    net = network(n, dur, edges, perm)
    res = solve(net)
    G = nx.DiGraph()
    G.add_nodes_from(range(n + 1))
    for p, s, w in zip(net.pred, net.succ, net.weight):
        G.add_edge(p, s, weight=w)
    sink = n
    for v in range(n):
        G.add_edge(v, sink, weight=net.duration[v])
    # earliest start = longest path from any source (all tasks start at 0 at the earliest)
    longest = {v: 0 for v in G}
    for v in nx.topological_sort(G):
        for _, s, data in G.out_edges(v, data=True):
            longest[s] = max(longest[s], longest[v] + data["weight"])
    assert res.start == [longest[v] for v in range(n)]
    assert res.finish == max(0, nx.dag_longest_path_length(G))


@settings(max_examples=150, deadline=None)
@given(dags(mixed=True))
def test_cpm_invariants_for_all_link_types(g):
    n, dur, edges, perm = g
    net = network(n, dur, edges, perm)
    res = solve(net)
    start, late = res.start, res.late_start
    for p, s, w in zip(net.pred, net.succ, net.weight):
        assert start[s] >= start[p] + w  # every link holds
        assert late[s] >= late[p] + w  # and holds on late dates too
    incoming = {v: [] for v in range(n)}
    for p, s, w in zip(net.pred, net.succ, net.weight):
        incoming[s].append(start[p] + w)
    for v in range(n):
        # as soon as possible: at the floor or pushed by a link
        assert start[v] == max([0] + incoming[v])
        assert res.total_float[v] >= 0 and 0 <= free_float(res, net.duration, v) <= res.total_float[v]
        assert late[v] + net.duration[v] <= res.finish
    chain = critical_chain(net, res)
    assert all(res.total_float[v] == 0 for v in chain)
    assert start[chain[-1]] + net.duration[chain[-1]] == res.finish
    for a, b in zip(chain, chain[1:]):
        assert any(p == a and s == b for p, s in zip(net.pred, net.succ))


@settings(max_examples=150, deadline=None)
@given(st.integers(2, 15), st.data())
def test_a_reported_cycle_is_a_real_cycle(n, data):
    import pytest

    from planner.errors import CycleError

    edges = set(data.draw(st.sets(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=3 * n)))
    edges = {(u, v) for u, v in edges if u != v}
    ring = data.draw(st.lists(st.integers(0, n - 1), min_size=2, max_size=n, unique=True))
    edges |= {(ring[i], ring[(i + 1) % len(ring)]) for i in range(len(ring))}  # at least one cycle
    pred = [u for u, _ in sorted(edges)]
    succ = [v for _, v in sorted(edges)]
    codes = [f"T-{i:02d}" for i in range(n)]
    net = Network([1] * n, [None] * n, 0, pred, succ, [1] * len(pred))
    with pytest.raises(CycleError) as err:
        solve(net, codes)
    cycle = err.value.cycle
    assert cycle[0] == cycle[-1] and len(cycle) >= 3
    index = {c: i for i, c in enumerate(codes)}
    assert all((index[a], index[b]) in edges for a, b in zip(cycle, cycle[1:]))
    assert len(set(cycle[:-1])) == len(cycle) - 1  # a simple cycle, each task once
