//! Clusters of look-alike listings: connected components of the "similar at the threshold"
//! graph, found with union–find so that moving the threshold only replays the stored pairs.
//!
//! Components are single-linkage: A–B and B–C similar puts A and C together even when A and
//! C are not. For listings that is what a shopper sees (a chain of near-copies is one
//! product); the pairs' own Jaccard stays in the report for the cases where it matters.

/// Union–find with path compression (halving) and union by size.
#[derive(Debug, Clone)]
pub struct UnionFind {
    parent: Vec<u32>,
    size: Vec<u32>,
}

impl UnionFind {
    pub fn new(n: usize) -> UnionFind {
        UnionFind { parent: (0..n as u32).collect(), size: vec![1; n] }
    }

    pub fn find(&mut self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            let grandparent = self.parent[self.parent[x as usize] as usize];
            self.parent[x as usize] = grandparent;
            x = grandparent;
        }
        x
    }

    /// Joins the sets of `a` and `b`; says whether they were apart.
    pub fn union(&mut self, a: u32, b: u32) -> bool {
        let (mut ra, mut rb) = (self.find(a), self.find(b));
        if ra == rb {
            return false;
        }
        if self.size[ra as usize] < self.size[rb as usize] {
            std::mem::swap(&mut ra, &mut rb);
        }
        self.parent[rb as usize] = ra;
        self.size[ra as usize] += self.size[rb as usize];
        true
    }
}

/// Every item's cluster at one threshold.
#[derive(Debug, Clone, PartialEq)]
pub struct Clustering {
    /// The cluster id of each item.
    pub cluster_of: Vec<u32>,
    /// The size of each cluster, by id.
    pub sizes: Vec<u32>,
}

impl Clustering {
    /// Clusters from a union–find. Ids go by size, largest first, then by the first item of
    /// the cluster, so the same data gives the same ids in every run.
    pub fn from_union_find(uf: &mut UnionFind, n: usize) -> Clustering {
        let roots: Vec<u32> = (0..n as u32).map(|i| uf.find(i)).collect();
        // Each root's first item and size.
        let mut first = vec![u32::MAX; n];
        let mut size = vec![0u32; n];
        for (i, &r) in roots.iter().enumerate() {
            first[r as usize] = first[r as usize].min(i as u32);
            size[r as usize] += 1;
        }
        let mut order: Vec<u32> = (0..n as u32).filter(|&r| size[r as usize] > 0).collect();
        order.sort_unstable_by_key(|&r| (std::cmp::Reverse(size[r as usize]), first[r as usize]));
        let mut id_of_root = vec![0u32; n];
        for (id, &r) in order.iter().enumerate() {
            id_of_root[r as usize] = id as u32;
        }
        Clustering {
            cluster_of: roots.iter().map(|&r| id_of_root[r as usize]).collect(),
            sizes: order.iter().map(|&r| size[r as usize]).collect(),
        }
    }

    pub fn len(&self) -> usize {
        self.sizes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.sizes.is_empty()
    }

    /// The members of each cluster, by id, in item order.
    pub fn members(&self) -> Vec<Vec<u32>> {
        let mut members: Vec<Vec<u32>> = self.sizes.iter().map(|&s| Vec::with_capacity(s as usize)).collect();
        for (i, &c) in self.cluster_of.iter().enumerate() {
            members[c as usize].push(i as u32);
        }
        members
    }
}

/// Clusters items `0..n` linked by `links` (always joined, e.g. exact duplicates) and by the
/// `pairs` whose similarity reaches `threshold`. Links and pairs naming an item outside
/// `0..n` are ignored (a preparation of a longer table).
pub fn cluster(n: usize, links: &[(u32, u32)], pairs: &[(u32, u32, f64)], threshold: f64) -> Clustering {
    let mut uf = UnionFind::new(n);
    let inside = |a: u32, b: u32| (a as usize) < n && (b as usize) < n;
    for &(a, b) in links {
        if inside(a, b) {
            uf.union(a, b);
        }
    }
    for &(a, b, s) in pairs {
        if s >= threshold && inside(a, b) {
            uf.union(a, b);
        }
    }
    Clustering::from_union_find(&mut uf, n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn union_find_joins_transitively() {
        let mut uf = UnionFind::new(6);
        assert!(uf.union(0, 1));
        assert!(uf.union(2, 1));
        assert!(!uf.union(0, 2));
        assert_eq!(uf.find(0), uf.find(2));
        assert_ne!(uf.find(0), uf.find(3));
    }

    #[test]
    fn ids_go_by_size_then_first_item() {
        let pairs = [(4, 5, 0.9), (3, 4, 0.8), (0, 1, 0.75), (1, 2, 0.55)];
        let c = cluster(7, &[], &pairs, 0.7);
        // {3,4,5} is the largest, then {0,1}, then singletons 2 and 6.
        assert_eq!(c.cluster_of, vec![1, 1, 2, 0, 0, 0, 3]);
        assert_eq!(c.sizes, vec![3, 2, 1, 1]);
        assert_eq!(c.members()[0], vec![3, 4, 5]);
        // A lower threshold takes in the weaker pair, ties go to the first item.
        let low = cluster(7, &[], &pairs, 0.5);
        assert_eq!(low.cluster_of, vec![0, 0, 0, 1, 1, 1, 2]);
        // Links hold at any threshold.
        let linked = cluster(7, &[(2, 6)], &pairs, 0.95);
        assert_eq!(linked.sizes, vec![2, 1, 1, 1, 1, 1]);
        assert_eq!(linked.cluster_of[2], 0);
        assert_eq!(linked.cluster_of[6], 0);
        // Items beyond n are ignored.
        assert_eq!(cluster(3, &[(2, 6)], &pairs, 0.5).sizes, vec![3]);
    }
}
